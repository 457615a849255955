'use client';
import { Alert } from '../../../../../_components/ui/alert';
import { Badge } from '../../../../../_components/ui/badge';
import { Button } from '../../../../../_components/ui/button';
import { ConfirmDialog } from '../../../../../_components/ui/confirm-dialog';
import { cx } from '../../../../../_components/ui/cx';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { changeCriterionAction, deleteCriterionAction } from '../actions';
import { CriterionDialog, type CriterionItem } from './criterion-dialog';
import { KindBadge, stagesText } from './kind-badge';
import { focusAfterMove, MoveButtons } from './move-buttons';
import { useListActions } from './use-list-actions';

/** The ordered eligibility criteria with add, edit, move, retire and (before screening) delete. */
export function CriteriaEditor({ reviewId, criteria, canDelete }: { reviewId: string; criteria: CriterionItem[]; canDelete: boolean }) {
  const { run, error, announcement } = useListActions(criteria);

  const remove = async (c: CriterionItem) => {
    try {
      const result = await deleteCriterionAction(reviewId, c.id);
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
      {criteria.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No criteria yet. Add the inclusion and exclusion criteria reviewers screen against.</p>
      ) : (
        <ol className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {criteria.map((c, i) => {
            const prefix = `criterion-${c.id}`;
            return (
              <li key={c.id} className="flex flex-col gap-3 px-4 py-3 lg:flex-row lg:items-start lg:justify-between">
                <div className={cx('min-w-0', c.isRetired && 'opacity-70')}>
                  <p className="font-medium [&>*+*]:ml-1.5 [&>.inline-flex]:align-middle">
                    <span className="text-zinc-600 tabular-nums dark:text-zinc-400">{i + 1}.</span>
                    <span className={cx(c.isRetired && 'line-through')}>{c.label}</span>
                    <KindBadge kind={c.kind} />
                    {c.isRetired && <Badge>Retired</Badge>}
                  </p>
                  {c.description && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{c.description}</p>}
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Applies at {stagesText(c.stages).toLowerCase()}</p>
                </div>
                <div role="group" aria-label={`Change “${c.label}”`} className="flex shrink-0 flex-wrap gap-1">
                  <MoveButtons
                    idPrefix={prefix}
                    label={c.label}
                    index={i}
                    count={criteria.length}
                    disabled={false}
                    onMove={(position) => run(() => changeCriterionAction(reviewId, c.id, { position }), `“${c.label}” is now number ${position}.`, focusAfterMove(prefix, position <= i))}
                  />
                  <CriterionDialog
                    reviewId={reviewId}
                    criterion={c}
                    trigger={
                      <Button variant="ghost" size="sm">
                        Edit<span className="sr-only"> “{c.label}”</span>
                      </Button>
                    }
                  />
                  <Button
                    id={`${prefix}-retire`}
                    variant="ghost"
                    size="sm"
                    onClick={() => run(() => changeCriterionAction(reviewId, c.id, { retired: !c.isRetired }), `“${c.label}” ${c.isRetired ? 'restored' : 'retired'}.`, [`${prefix}-retire`])}
                  >
                    {c.isRetired ? 'Restore' : 'Retire'}
                    <span className="sr-only"> “{c.label}”</span>
                  </Button>
                  {canDelete && (
                    <ConfirmDialog
                      trigger={
                        <Button variant="danger-ghost" size="sm">
                          Delete<span className="sr-only"> “{c.label}”</span>
                        </Button>
                      }
                      title={`Delete “${c.label}”?`}
                      description="No one has screened yet, so the criterion can go. The protocol history keeps it in earlier versions."
                      confirmLabel="Delete criterion"
                      onConfirm={() => remove(c)}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div>
        <CriterionDialog reviewId={reviewId} trigger={<Button variant="secondary">Add criterion</Button>} />
      </div>
    </div>
  );
}
