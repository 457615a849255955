'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Button } from '../../../../../_components/ui/button';
import { Field } from '../../../../../_components/ui/field';
import { Select } from '../../../../../_components/ui/select';
import { Textarea } from '../../../../../_components/ui/textarea';
import { resolveConflictAction } from '../actions';
import type { StageId } from '../_lib/format';
import { useAnnounce } from './conflict-announcer';

const formSchema = z.object({
  decision: z.enum(['include', 'exclude'], { message: 'Choose the final decision: include or exclude.' }),
  reasonId: z.string(),
  note: z.string().max(5000, 'Keep the note under 5000 characters.'),
});
type FormValues = z.infer<typeof formSchema>;

/** At full text an exclusion needs the reason that reports it (as the server also checks). */
const fullTextSchema = formSchema.superRefine((v, ctx) => {
  if (v.decision === 'exclude' && !v.reasonId) ctx.addIssue({ code: 'custom', path: ['reasonId'], message: 'Choose the reason that reports this exclusion.' });
});

export interface ReasonChoice {
  id: string;
  label: string;
}

interface Props {
  reviewId: string;
  recordId: string;
  stage: StageId;
  title: string;
  reasons: ReasonChoice[];
  /** The current resolution when changing one. */
  current?: { decision: string; reasonId: string | null; note: string } | null;
}

const RADIO = 'size-4 shrink-0 accent-accent-600';

/** The adjudicator's final decision on one conflict: include or exclude, at full text with the reason. */
export function ResolutionForm({ reviewId, recordId, stage, title, reasons, current }: Props) {
  const announce = useAnnounce();
  const id = useId();
  const needsReason = stage === 'full_text';
  // Also given to the controls themselves, so the server-rendered form shows them before hydration.
  const defaults = {
    decision: current?.decision === 'include' || current?.decision === 'exclude' ? current.decision : (undefined as unknown as FormValues['decision']),
    reasonId: current?.reasonId ?? '',
    note: current?.note ?? '',
  };
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(needsReason ? fullTextSchema : formSchema), defaultValues: defaults });
  const decision = useWatch({ control, name: 'decision' });

  const onSubmit = async (data: FormValues) => {
    try {
      const result = await resolveConflictAction(reviewId, recordId, {
        stage,
        decision: data.decision,
        reasonId: data.decision === 'exclude' && needsReason ? data.reasonId || null : null,
        note: data.note,
      });
      if (!result.ok) return applyServerErrors(result, setError, ['decision', 'reasonId', 'note']);
      const reason = data.decision === 'exclude' && needsReason ? reasons.find((r) => r.id === data.reasonId)?.label : undefined;
      const next = result.outcome === 'included' ? (stage === 'title_abstract' ? ' It moves on to full-text screening.' : ' It is included in the review.') : result.outcome === 'excluded' ? ' It is excluded.' : '';
      announce(`${current ? 'Resolution changed' : 'Resolved'}: “${title}” — ${data.decision}${reason ? ` (${reason})` : ''}.${next}`);
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  const decisionError = errors.decision?.message;
  return (
    <form noValidate aria-label={`${current ? 'Change the resolution of' : 'Resolve'}: ${title}`} onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4">
      <FormError message={errors.root?.server?.message} />
      <fieldset aria-describedby={decisionError ? `${id}-decision-error` : undefined}>
        <legend className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Final decision</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {(['include', 'exclude'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" value={value} className={RADIO} defaultChecked={defaults.decision === value} {...register('decision')} />
              {value === 'include' ? 'Include' : 'Exclude'}
            </label>
          ))}
        </div>
        {decisionError && (
          <p id={`${id}-decision-error`} role="alert" className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-400">
            {decisionError}
          </p>
        )}
      </fieldset>
      {needsReason && decision === 'exclude' && (
        <Field label="Reason for exclusion" error={errors.reasonId?.message} hint={reasons.length ? undefined : 'The protocol has no exclusion reasons yet; an owner adds them on the Protocol page.'}>
          {(p) => (
            <Select {...p} defaultValue={defaults.reasonId} {...register('reasonId')}>
              <option value="">Choose a reason…</option>
              {reasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label="Why (kept with the resolution)" error={errors.note?.message} hint="Optional. The team and the audit trail see it.">
        {(p) => <Textarea {...p} rows={2} defaultValue={defaults.note} {...register('note')} />}
      </Field>
      <div>
        <Button type="submit" pending={isSubmitting}>
          {current ? 'Change resolution' : 'Save resolution'}
        </Button>
      </div>
    </form>
  );
}
