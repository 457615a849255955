'use client';
import { useState, useTransition } from 'react';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { ConfirmDialog } from '../../../../../_components/ui/confirm-dialog';
import { changeStageSettingsAction } from '../stage-actions';

/** An owner's blinding switch for one stage: unblinding asks first, since it cannot be taken back. */
export function BlindingControl({ reviewId, stage, stageLabel, isBlinded }: { reviewId: string; stage: 'title_abstract' | 'full_text'; stageLabel: string; isBlinded: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const lower = stageLabel.toLowerCase();

  const unblind = async () => {
    try {
      const result = await changeStageSettingsAction(reviewId, stage, { isBlinded: false });
      return result.ok ? null : (result.formError ?? UNEXPECTED_MESSAGE);
    } catch {
      return UNEXPECTED_MESSAGE;
    }
  };

  const blindAgain = () =>
    startTransition(async () => {
      setError(null);
      try {
        const result = await changeStageSettingsAction(reviewId, stage, { isBlinded: true });
        if (!result.ok) setError(result.formError ?? UNEXPECTED_MESSAGE);
      } catch {
        setError(UNEXPECTED_MESSAGE);
      }
    });

  if (isBlinded) {
    return (
      <ConfirmDialog
        trigger={
          <Button variant="secondary" size="sm">
            Unblind<span className="sr-only"> {lower} screening</span>
          </Button>
        }
        title={`Unblind ${lower} screening?`}
        description={
          <>
            Every reviewer will be able to see the other reviewers’ decisions, reasons and notes at {lower}, and the agreement figures. The unblinding is recorded in the audit trail with your name and the time. You can turn blinding back on later, but that cannot hide what people have already seen.
          </>
        }
        confirmLabel="Unblind"
        onConfirm={unblind}
      />
    );
  }
  return (
    <div className="flex flex-col items-start gap-2">
      {error && <Alert tone="error">{error}</Alert>}
      <Button variant="secondary" size="sm" pending={pending} onClick={blindAgain}>
        Blind again<span className="sr-only"> {lower} screening</span>
      </Button>
    </div>
  );
}
