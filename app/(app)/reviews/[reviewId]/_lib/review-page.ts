import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requirePageUser } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { getReview } from '@/lib/services/reviews';

/** The review as this member sees it, once per request; a 404 page for non-members and bad ids. */
export const reviewForMember = cache(async (userId: string, reviewId: string) => {
  try {
    return await getReview(userId, reviewId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
});

/** For workspace pages: the signed-in user (or sign-in, coming back to `stage`) and the review. */
export async function requireReviewPage(reviewId: string, stage = '') {
  const user = await requirePageUser(`/reviews/${encodeURIComponent(reviewId)}${stage ? `/${stage}` : ''}`);
  const review = await reviewForMember(user.id, reviewId);
  return { user, review };
}

export type ReviewPageParams = { params: Promise<{ reviewId: string }> };
