'use client';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { Alert } from '../../../../../_components/ui/alert';
import { Badge } from '../../../../../_components/ui/badge';
import { Button } from '../../../../../_components/ui/button';
import { ConfirmDialog } from '../../../../../_components/ui/confirm-dialog';
import { cx } from '../../../../../_components/ui/cx';
import { changeReasonAction, createReasonsFromCriteriaAction, deleteReasonAction } from '../actions';
import { focusAfterMove, MoveButtons } from './move-buttons';
import { ReasonDialog, type CriterionOption, type ReasonItem } from './reason-dialog';
import { useListActions } from './use-list-actions';

interface Props {
  reviewId: string;
  reasons: ReasonItem[];
  /** Exclusion criteria a reason can be linked to. */
  criteria: CriterionOption[];
  /** Exclusion criteria without a reason yet. */
  missingCount: number;
  warning: string | null;
}

/** Full-text exclusion reasons: the built-in "not retrievable" one apart, the others ordered. */
export function ReasonsEditor({ reviewId, reasons, criteria, missingCount, warning }: Props) {
  const { run, error, announcement } = useListActions(reasons);
  const system = reasons.find((r) => r.kind === 'not_retrieved');
  const standard = reasons.filter((r) => r.kind === 'standard');
  const criterionLabel = new Map(criteria.map((c) => [c.id, c.label]));

  const remove = async (r: ReasonItem) => {
    try {
      const result = await deleteReasonAction(reviewId, r.id);
      return result.ok ? null : (result.formError ?? UNEXPECTED_MESSAGE);
    } catch {
      return UNEXPECTED_MESSAGE;
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {standard.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No exclusion reasons yet.</p>
      ) : (
        <ol aria-label="Exclusion reasons in form order" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {standard.map((r, i) => {
            const prefix = `reason-${r.id}`;
            const linked = r.criterionId ? criterionLabel.get(r.criterionId) : undefined;
            return (
              <li key={r.id} className="flex flex-col gap-3 px-4 py-3 lg:flex-row lg:items-start lg:justify-between">
                <div className={cx('min-w-0', r.isRetired && 'opacity-70')}>
                  <p className="font-medium [&>*+*]:ml-1.5 [&>.inline-flex]:align-middle">
                    <span className="text-zinc-600 tabular-nums dark:text-zinc-400">{i + 1}.</span>
                    <span className={cx(r.isRetired && 'line-through')}>{r.label}</span>
                    <Badge tone="accent">Priority {r.priority}</Badge>
                    {r.isRetired && <Badge>Retired</Badge>}
                  </p>
                  {r.description && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{r.description}</p>}
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                    {linked ? `Reports criterion “${linked}”. ` : ''}
                    {r.usedCount ? `Given ${r.usedCount} time${r.usedCount === 1 ? '' : 's'}, so it can be retired but not deleted.` : 'Not used yet.'}
                  </p>
                </div>
                <div role="group" aria-label={`Change “${r.label}”`} className="flex shrink-0 flex-wrap gap-1">
                  <MoveButtons
                    idPrefix={prefix}
                    label={r.label}
                    index={i}
                    count={standard.length}
                    disabled={false}
                    onMove={(position) => run(() => changeReasonAction(reviewId, r.id, { position }), `“${r.label}” is now number ${position}.`, focusAfterMove(prefix, position <= i))}
                  />
                  <ReasonDialog
                    reviewId={reviewId}
                    reason={r}
                    criteria={criteria}
                    trigger={
                      <Button variant="ghost" size="sm">
                        Edit<span className="sr-only"> “{r.label}”</span>
                      </Button>
                    }
                  />
                  <Button
                    id={`${prefix}-retire`}
                    variant="ghost"
                    size="sm"
                    onClick={() => run(() => changeReasonAction(reviewId, r.id, { retired: !r.isRetired }), `“${r.label}” ${r.isRetired ? 'restored' : 'retired'}.`, [`${prefix}-retire`])}
                  >
                    {r.isRetired ? 'Restore' : 'Retire'}
                    <span className="sr-only"> “{r.label}”</span>
                  </Button>
                  {r.usedCount === 0 && (
                    <ConfirmDialog
                      trigger={
                        <Button variant="danger-ghost" size="sm">
                          Delete<span className="sr-only"> “{r.label}”</span>
                        </Button>
                      }
                      title={`Delete “${r.label}”?`}
                      description={warning ?? 'No decision gave this reason, so it can go. The protocol history keeps it in earlier versions.'}
                      confirmLabel="Delete reason"
                      onConfirm={() => remove(r)}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap gap-2">
        <ReasonDialog reviewId={reviewId} criteria={criteria} trigger={<Button variant="secondary">Add reason</Button>} />
        {missingCount > 0 && (
          <Button variant="secondary" onClick={() => run(() => createReasonsFromCriteriaAction(reviewId), 'Reasons created from the exclusion criteria.')}>
            Create reasons from exclusion criteria ({missingCount})
          </Button>
        )}
      </div>
      {system && <SystemReason reviewId={reviewId} reason={system} criteria={criteria} />}
    </div>
  );
}

function SystemReason({ reviewId, reason, criteria }: { reviewId: string; reason: ReasonItem; criteria: CriterionOption[] }) {
  return (
    <div className="flex flex-col gap-2 rounded-md border border-dashed border-zinc-300 px-4 py-3 sm:flex-row sm:items-start sm:justify-between dark:border-zinc-700">
      <div>
        <p className="font-medium [&>*+*]:ml-1.5 [&>.inline-flex]:align-middle">
          {reason.label} <Badge>Built in</Badge>
        </p>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{reason.description}</p>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Always offered at full text. Counted apart in PRISMA, as reports not retrieved; it cannot be renamed, retired or deleted.</p>
      </div>
      <ReasonDialog
        reviewId={reviewId}
        reason={reason}
        criteria={criteria}
        trigger={
          <Button variant="ghost" size="sm">
            Edit description<span className="sr-only"> of “{reason.label}”</span>
          </Button>
        }
      />
    </div>
  );
}
