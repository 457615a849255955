import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { getStageSettings } from '@/lib/services/dual-screening';

export const GET = apiRoute<{ reviewId: string }>(async ({ user, params }) => json({ items: await getStageSettings(user.id, params.reviewId) }));
