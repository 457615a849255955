import { json } from '@/lib/api/respond';

/** The API's index: where its description lives. No authentication needed. */
export function GET() {
  return json({ name: 'Sieve API', version: 1, openapi: '/api/v1/openapi.json' });
}
