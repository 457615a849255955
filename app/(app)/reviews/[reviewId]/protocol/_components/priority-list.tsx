'use client';
import { Alert } from '../../../../../_components/ui/alert';
import { cx } from '../../../../../_components/ui/cx';
import { changeReasonAction } from '../actions';
import { focusAfterMove, MoveButtons } from './move-buttons';
import type { ReasonItem } from './reason-dialog';
import { useListActions } from './use-list-actions';

/**
 * The team's reporting order (as in Covidence): when a full text meets several exclusion
 * reasons, the one highest here is the one that reports the exclusion.
 */
export function PriorityList({ reviewId, reasons }: { reviewId: string; reasons: ReasonItem[] }) {
  const ordered = reasons.filter((r) => r.kind === 'standard').sort((a, b) => a.priority - b.priority);
  const { run, error, announcement } = useListActions(reasons);
  if (ordered.length < 2) return null;

  return (
    <div className="flex flex-col gap-3">
      <h4 className="text-sm font-semibold">Reporting priority</h4>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">When a full text meets several reasons, reviewers report the highest one. Agree this order before full-text screening.</p>
      {error && <Alert tone="error">{error}</Alert>}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <ol aria-label="Exclusion reasons by reporting priority" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {ordered.map((r, i) => {
          const prefix = `priority-${r.id}`;
          return (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
              <span className={cx('text-sm', r.isRetired && 'line-through opacity-70')}>
                <span className="text-zinc-600 tabular-nums dark:text-zinc-400">{i + 1}.</span> {r.label}
              </span>
              <div role="group" aria-label={`Priority of “${r.label}”`} className="flex gap-1">
                <MoveButtons
                  idPrefix={prefix}
                  label={r.label}
                  index={i}
                  count={ordered.length}
                  disabled={false}
                  words={['Higher', 'Lower']}
                  onMove={(priority) => run(() => changeReasonAction(reviewId, r.id, { priority }), `“${r.label}” now has priority ${priority}.`, focusAfterMove(prefix, priority <= i))}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
