'use client';
import { useState, useTransition } from 'react';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { Button } from '../../../../../_components/ui/button';
import { useAnnounce } from '../../conflicts/_components/conflict-announcer';
import { decideDuplicateAction, type DuplicateDecisionPayload } from '../actions';

const DONE: Record<string, string> = {
  'merge-left': 'Merged: the left record is kept for screening, the right one is counted as a duplicate removed.',
  'merge-right': 'Merged: the right record is kept for screening, the left one is counted as a duplicate removed.',
  not_duplicate: 'Marked as not duplicates: both records stay for screening.',
  undo: 'Decision undone: the pair is pending again.',
};

/** An owner's decision on one pair: keep left, keep right, not duplicates; or undo a decision. */
export function PairActions({ reviewId, pairId, leftId, rightId, status, describedBy }: { reviewId: string; pairId: string; leftId: string; rightId: string; status: string; describedBy: string }) {
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const decide = (key: string, input: DuplicateDecisionPayload) => {
    setError(null);
    setRunning(key);
    startTransition(async () => {
      try {
        const result = await decideDuplicateAction(reviewId, pairId, input);
        if (!result.ok) setError(result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? UNEXPECTED_MESSAGE);
        else announce(DONE[key]);
      } catch {
        setError(UNEXPECTED_MESSAGE);
      } finally {
        setRunning(null);
      }
    });
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Decision" aria-describedby={describedBy}>
        {status === 'pending' ? (
          <>
            <Button size="sm" pending={running === 'merge-left'} disabled={!!running} onClick={() => decide('merge-left', { action: 'merge', keepRecordId: leftId })}>
              Keep left
            </Button>
            <Button size="sm" pending={running === 'merge-right'} disabled={!!running} onClick={() => decide('merge-right', { action: 'merge', keepRecordId: rightId })}>
              Keep right
            </Button>
            <Button size="sm" variant="secondary" pending={running === 'not_duplicate'} disabled={!!running} onClick={() => decide('not_duplicate', { action: 'not_duplicate' })}>
              Not duplicates
            </Button>
          </>
        ) : (
          <Button size="sm" variant="secondary" pending={running === 'undo'} disabled={!!running} onClick={() => decide('undo', { action: 'undo' })}>
            Undo
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
