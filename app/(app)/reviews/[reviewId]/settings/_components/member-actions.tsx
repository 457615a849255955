'use client';
import type { ROLES } from '@/lib/schemas/review';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { isRedirectError } from '../../../../../_components/is-redirect-error';
import { Button } from '../../../../../_components/ui/button';
import { ConfirmDialog } from '../../../../../_components/ui/confirm-dialog';
import { removeMemberAction } from '../actions';
import { ChangeMemberDialog } from './change-member-dialog';

export interface MemberRow {
  userId: string;
  name: string;
  role: (typeof ROLES)[number];
  canAdjudicate: boolean;
}

/** An owner's controls for one member row: change role or adjudicator right, remove. */
export function MemberActions({ reviewId, member, isYou }: { reviewId: string; member: MemberRow; isYou: boolean }) {
  const who = isYou ? 'yourself' : member.name;

  const remove = async () => {
    try {
      const result = await removeMemberAction(reviewId, member.userId);
      return result.ok ? null : (result.formError ?? UNEXPECTED_MESSAGE);
    } catch (error) {
      if (isRedirectError(error)) return null; // left the review: on the way to the list
      return UNEXPECTED_MESSAGE;
    }
  };

  return (
    <div className="flex justify-end gap-2">
      <ChangeMemberDialog reviewId={reviewId} member={member} who={who} />
      <ConfirmDialog
        trigger={
          <Button variant="danger-ghost" size="sm">
            Remove<span className="sr-only"> {who}</span>
          </Button>
        }
        title={isYou ? 'Leave this review?' : `Remove ${member.name}?`}
        description={
          isYou
            ? 'You will lose access to this review at once. Your decisions stay in the review’s history.'
            : `${member.name} will lose access to this review at once. Their decisions stay in the review’s history, attributed to them.`
        }
        confirmLabel={isYou ? 'Leave review' : 'Remove'}
        onConfirm={remove}
      />
    </div>
  );
}

