/** Review workflows shared by the UI's server actions, the JSON API and the CLI. */
import { deleteMember, getReviewForMember, insertMember, insertReview, listMembers, listReviewsForUser, updateMember } from '../db/reviews';
import { findUserByEmail } from '../db/users';
import { AppError } from '../errors';
import { addMemberSchema, createReviewSchema, pagingSchema, updateMemberSchema } from '../schemas/review';
import { isUuid, requireReviewRole } from './permissions';
import { startProtocol } from './protocol';

export async function createReview(userId: string, input: unknown) {
  const data = createReviewSchema.parse(input);
  const review = await insertReview({ title: data.title, description: data.description, ownerId: userId });
  await startProtocol(userId, review.id, data.template ?? 'none');
  return review;
}

export async function listMyReviews(userId: string, paging: unknown = {}) {
  return listReviewsForUser(userId, pagingSchema.parse(paging));
}

export async function getReview(userId: string, reviewId: string) {
  await requireReviewRole(reviewId, userId, 'viewer');
  return getReviewForMember(reviewId, userId);
}

export async function listReviewMembers(userId: string, reviewId: string) {
  await requireReviewRole(reviewId, userId, 'viewer');
  return listMembers(reviewId);
}

/** Adds a colleague who already has an account; owners only. */
export async function addReviewMember(userId: string, reviewId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  const data = addMemberSchema.parse(input);
  const invitee = await findUserByEmail(data.email);
  if (!invitee) {
    throw new AppError('invalid', `No Sieve account uses ${data.email}. Ask your colleague to sign up first, then invite them again.`, {
      fieldErrors: { email: ['No account uses this email yet.'] },
    });
  }
  return insertMember({ reviewId, userId: invitee.id, role: data.role, actorId: userId });
}

export async function changeReviewMember(userId: string, reviewId: string, memberId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(memberId)) throw new AppError('not_found', 'Member not found.');
  return updateMember({ reviewId, userId: memberId, ...updateMemberSchema.parse(input), actorId: userId });
}

export async function removeReviewMember(userId: string, reviewId: string, memberId: string) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(memberId)) throw new AppError('not_found', 'Member not found.');
  await deleteMember({ reviewId, userId: memberId, actorId: userId });
}
