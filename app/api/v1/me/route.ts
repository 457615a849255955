import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';

export const GET = apiRoute(async ({ user }) => json({ id: user.id, email: user.email, name: user.name, createdAt: user.createdAt }));
