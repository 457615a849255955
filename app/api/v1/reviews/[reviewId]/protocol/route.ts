import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { getProtocol, replaceProtocol } from '@/lib/services/protocol';

type P = { reviewId: string };

export const GET = apiRoute<P>(async ({ user, params }) => json(await getProtocol(user.id, params.reviewId)));

export const PUT = apiRoute<P>(async ({ request, user, params }) => json(await replaceProtocol(user.id, params.reviewId, await readJson(request))));
