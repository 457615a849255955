import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { getProtocolHistoryVersion } from '@/lib/services/protocol';

export const GET = apiRoute<{ reviewId: string; version: string }>(async ({ user, params }) => json(await getProtocolHistoryVersion(user.id, params.reviewId, params.version)));
