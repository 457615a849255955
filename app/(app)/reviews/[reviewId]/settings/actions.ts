'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { addMemberSchema, updateMemberSchema, type AddMemberInput } from '@/lib/schemas/review';
import { addReviewMember, changeReviewMember, removeReviewMember } from '@/lib/services/reviews';

// Member changes show in the workspace (counts, roles) and in the review list.
const revalidateReviews = () => revalidatePath('/reviews', 'layout');

export async function inviteMemberAction(reviewId: string, input: AddMemberInput): Promise<ActionResult<{ name: string; role: string }>> {
  try {
    const user = await requireActionUser();
    const data = addMemberSchema.parse(input);
    const member = await addReviewMember(user.id, reviewId, data);
    revalidateReviews();
    return { ok: true, name: member.name, role: member.role };
  } catch (error) {
    return actionError(error, `inviteMember review=${reviewId}`);
  }
}

export async function changeMemberAction(reviewId: string, memberId: string, input: z.input<typeof updateMemberSchema>): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    const data = updateMemberSchema.parse(input);
    await changeReviewMember(user.id, reviewId, memberId, data);
    revalidateReviews();
    return { ok: true };
  } catch (error) {
    return actionError(error, `changeMember review=${reviewId} member=${memberId}`);
  }
}

/** Removes a member. Removing yourself means leaving the review: back to your list. */
export async function removeMemberAction(reviewId: string, memberId: string): Promise<ActionResult> {
  let leftReview = false;
  try {
    const user = await requireActionUser();
    await removeReviewMember(user.id, reviewId, memberId);
    leftReview = memberId === user.id;
    revalidateReviews();
  } catch (error) {
    return actionError(error, `removeMember review=${reviewId} member=${memberId}`);
  }
  if (leftReview) redirect('/reviews');
  return { ok: true };
}
