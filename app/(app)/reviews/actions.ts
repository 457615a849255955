'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { actionError, type ActionFailure } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { createReviewSchema, type CreateReviewInput } from '@/lib/schemas/review';
import { createReview } from '@/lib/services/reviews';

/** Creates a review owned by the user and opens its workspace; returns only on failure. */
export async function createReviewAction(input: CreateReviewInput): Promise<ActionFailure> {
  let reviewId: string;
  try {
    const user = await requireActionUser();
    const data = createReviewSchema.parse(input);
    reviewId = (await createReview(user.id, data)).id;
    revalidatePath('/reviews');
  } catch (error) {
    return actionError(error, 'createReview');
  }
  redirect(`/reviews/${reviewId}`);
}
