import { checkDatabase } from '@/lib/db/health';
import { json } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers and docker-compose (no auth). */
export async function GET() {
  const database = await checkDatabase();
  return json({ status: database.ok ? 'ok' : 'degraded', database }, database.ok ? 200 : 503);
}
