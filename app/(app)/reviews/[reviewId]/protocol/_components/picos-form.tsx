'use client';
import { FIELD_LABEL, type ProtocolTextField } from '@/lib/domain/protocol/types';
import { FormError } from '../../../../../_components/form-error';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Textarea } from '../../../../../_components/ui/textarea';
import { SaveRow } from './question-form';
import { useSectionForm } from './use-section-form';

const FIELDS: Array<{ name: ProtocolTextField; hint: string; isShort?: boolean }> = [
  { name: 'population', hint: 'Who or what is studied: patients, animals, cells.' },
  { name: 'intervention', hint: 'What is given or experienced, with doses or forms if they matter.' },
  { name: 'comparator', hint: 'What it is compared with: placebo, vehicle, usual care, nothing.' },
  { name: 'outcomes', hint: 'What must be measured for a study to count.' },
  { name: 'studyDesigns', hint: 'Which designs are eligible.' },
  { name: 'setting', hint: 'Where the studies take place, if that matters.', isShort: true },
  { name: 'languages', hint: 'e.g. Any, or English and German.', isShort: true },
  { name: 'dateLimits', hint: 'e.g. From 2000 to the search date.', isShort: true },
];

/** PICOS / PECO: the eligibility elements of PRISMA-P item 8. */
export function PicosForm({ reviewId, defaults, version }: { reviewId: string; defaults: Record<string, string>; version: number }) {
  const { form, onSubmit, status } = useSectionForm(reviewId, 'picos', defaults, version);
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;

  return (
    <form noValidate aria-labelledby="picos-title" onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 md:grid-cols-2">
        {FIELDS.filter((f) => !f.isShort).map((f) => (
          <Field key={f.name} label={FIELD_LABEL[f.name]} hint={f.hint} error={errors[f.name]?.message}>
            {(p) => <Textarea {...p} rows={3} {...register(f.name)} />}
          </Field>
        ))}
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        {FIELDS.filter((f) => f.isShort).map((f) => (
          <Field key={f.name} label={FIELD_LABEL[f.name]} hint={f.hint} error={errors[f.name]?.message}>
            {(p) => <Input {...p} {...register(f.name)} />}
          </Field>
        ))}
      </div>
      <SaveRow pending={isSubmitting} status={status} label="Save PICOS" />
    </form>
  );
}
