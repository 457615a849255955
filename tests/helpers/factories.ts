/** Test and demo data builders, shared by integration tests, end-to-end tests and the demo seed. */
import { randomBytes } from 'node:crypto';
import { signUp } from '../../lib/services/accounts';
import { createApiToken } from '../../lib/services/api-tokens';
import { addReviewMember, createReview } from '../../lib/services/reviews';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.org`;
}

export async function makeUser(label = 'user', name = label) {
  const user = await signUp({ name, email: uniqueEmail(label), password: DEFAULT_PASSWORD });
  const { token } = await createApiToken(user.id, `${label} test token`);
  return { ...user, token };
}

export async function makeReview(ownerId: string, title = 'Ketamine and neuroplasticity') {
  return createReview(ownerId, { title, description: 'A test review' });
}

export async function addMember(ownerId: string, reviewId: string, email: string, role: 'owner' | 'reviewer' | 'viewer') {
  return addReviewMember(ownerId, reviewId, { email, role });
}
