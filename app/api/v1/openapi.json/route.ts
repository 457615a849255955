import { buildOpenApiDocument } from '@/lib/api/openapi';
import { json } from '@/lib/api/respond';

export const dynamic = 'force-static';

export function GET() {
  return json(buildOpenApiDocument());
}
