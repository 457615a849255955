'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { Button } from '../../../../../../_components/ui/button';
import { Select } from '../../../../../../_components/ui/select';
import { changeDecisionAction } from '../actions';

type Value = 'include' | 'exclude' | 'maybe';

interface Props {
  reviewId: string;
  recordId: string;
  stage: 'title_abstract' | 'full_text';
  title: string;
  value: Value;
  reasonId: string | null;
  note: string;
  reasons: Array<{ id: string; label: string }>;
}

/** One row's decision, changeable in place; the change is kept as a new version of the decision. */
export function DecisionEditor({ reviewId, recordId, stage, title, value, reasonId, note, reasons }: Props) {
  const router = useRouter();
  const id = useId();
  const [choice, setChoice] = useState<Value>(value);
  const [reason, setReason] = useState(reasonId ?? '');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const isFullText = stage === 'full_text';
  const needsReason = isFullText && choice === 'exclude';
  const changed = choice !== value || (needsReason && reason !== (reasonId ?? ''));

  function save() {
    if (needsReason && !reason) return setMessage({ error: true, text: 'Choose the reason for excluding it.' });
    startTransition(async () => {
      const result = await changeDecisionAction(reviewId, recordId, { stage, decision: choice, reasonId: needsReason ? reason : null, note });
      if (!result.ok) return setMessage({ error: true, text: result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? 'Not saved.' });
      setMessage({ error: false, text: 'Saved.' });
      router.refresh();
    });
  }

  return (
    <div className="flex min-w-56 flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-d`} className="sr-only">
          Decision on “{title}”
        </label>
        <Select id={`${id}-d`} value={choice} onChange={(e) => setChoice(e.target.value as Value)} className="w-32">
          <option value="include">Include</option>
          <option value="exclude">Exclude</option>
          {!isFullText && <option value="maybe">Maybe</option>}
        </Select>
        <Button size="sm" variant="secondary" onClick={save} disabled={!changed} pending={pending}>
          Save<span className="sr-only"> decision on “{title}”</span>
        </Button>
      </div>
      {needsReason && (
        <>
          <label htmlFor={`${id}-r`} className="sr-only">
            Reason for excluding “{title}”
          </label>
          <Select id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">Choose a reason…</option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </Select>
        </>
      )}
      <p role="status" className={message?.error ? 'text-xs font-medium text-red-700 dark:text-red-400' : 'text-xs text-emerald-800 dark:text-emerald-300'}>
        {message?.text}
      </p>
    </div>
  );
}
