'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { Field } from '../../../../../_components/ui/field';
import { Select } from '../../../../../_components/ui/select';
import { changeStageSettingsAction } from '../stage-actions';

const schema = z.object({
  requiredDecisions: z.enum(['1', '2', '3'], { message: 'Choose 1, 2 or 3 decisions.' }),
  hasChecklist: z.boolean(),
});
type FormValues = z.infer<typeof schema>;

const CHECKBOX = 'mt-0.5 size-4 shrink-0 accent-accent-600';

/** An owner's form for one stage: how many independent decisions a record needs, and the checklist. */
export function StageSettingsForm({ reviewId, stage, stageLabel, defaults }: { reviewId: string; stage: 'title_abstract' | 'full_text'; stageLabel: string; defaults: { requiredDecisions: number; hasChecklist: boolean } }) {
  const [saved, setSaved] = useState(false);
  // Also given to the controls themselves, so the server-rendered page shows them before hydration.
  const initial: FormValues = { requiredDecisions: String(defaults.requiredDecisions) as FormValues['requiredDecisions'], hasChecklist: defaults.hasChecklist };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: initial });

  const onSubmit = async (data: FormValues) => {
    setSaved(false);
    try {
      const result = await changeStageSettingsAction(reviewId, stage, { requiredDecisions: Number(data.requiredDecisions), hasChecklist: data.hasChecklist });
      if (!result.ok) return applyServerErrors(result, setError, ['requiredDecisions', 'hasChecklist']);
      reset(data);
      setSaved(true);
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <form noValidate aria-label={`${stageLabel} settings`} onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4">
      <FormError message={errors.root?.server?.message} />
      {saved && !isDirty && <Alert tone="success">{stageLabel} settings saved.</Alert>}
      <Field
        label="Independent decisions per record"
        error={errors.requiredDecisions?.message}
        hint="A record moves on when this many reviewers agree; if they disagree it goes to Conflicts. Changing it re-derives every record at this stage."
      >
        {(p) => (
          <Select {...p} defaultValue={initial.requiredDecisions} {...register('requiredDecisions')} className="max-w-xs">
            <option value="1">1 (single screening)</option>
            <option value="2">2 (dual screening)</option>
            <option value="3">3</option>
          </Select>
        )}
      </Field>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className={CHECKBOX} defaultChecked={initial.hasChecklist} {...register('hasChecklist')} />
        <span>
          <span className="font-medium">Criteria checklist</span>
          <span className="block text-zinc-600 dark:text-zinc-400">Reviewers mark each eligibility criterion as met, not met or unclear with their decision.</span>
        </span>
      </label>
      <div>
        <Button type="submit" variant="secondary" pending={isSubmitting}>
          Save<span className="sr-only"> {stageLabel.toLowerCase()} settings</span>
        </Button>
      </div>
    </form>
  );
}
