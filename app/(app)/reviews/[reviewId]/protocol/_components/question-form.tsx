'use client';
import { registrationHints } from '@/lib/domain/protocol/registration-hints';
import { FIELD_LABEL } from '@/lib/domain/protocol/types';
import { FormError } from '../../../../../_components/form-error';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Textarea } from '../../../../../_components/ui/textarea';
import { useSectionForm } from './use-section-form';

const REGISTRIES = ['PROSPERO', 'OSF Registries', 'INPLASY', 'Research Registry'];

export function QuestionForm({ reviewId, defaults, version }: { reviewId: string; defaults: Record<string, string>; version: number }) {
  const { form, onSubmit, status } = useSectionForm(reviewId, 'question', defaults, version);
  const {
    register,
    watch,
    formState: { errors, isSubmitting },
  } = form;
  const hints = registrationHints({ registry: watch('registry') ?? '', registrationId: watch('registrationId') ?? '' });

  return (
    <form noValidate aria-labelledby="question-title" onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={errors.root?.server?.message} />
      <Field label={FIELD_LABEL.question} hint="One or two sentences: what the review sets out to answer." error={errors.question?.message}>
        {(p) => <Textarea {...p} rows={3} {...register('question')} />}
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={FIELD_LABEL.registry} hint="Leave empty until registered." error={errors.registry?.message}>
          {(p) => <Input {...p} list="protocol-registries" autoComplete="off" {...register('registry')} />}
        </Field>
        <Field label={FIELD_LABEL.registrationId} hint={hints[0] ? <span className="text-amber-800 dark:text-amber-300">{hints[0]}</span> : 'As the registry shows it, e.g. CRD42019123346.'} error={errors.registrationId?.message}>
          {(p) => <Input {...p} autoComplete="off" spellCheck={false} {...register('registrationId')} />}
        </Field>
        <Field label={FIELD_LABEL.registrationUrl} error={errors.registrationUrl?.message}>
          {(p) => <Input {...p} type="url" inputMode="url" placeholder="https://" {...register('registrationUrl')} />}
        </Field>
      </div>
      <datalist id="protocol-registries">
        {REGISTRIES.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <Field label={FIELD_LABEL.notes} hint="Anything reviewers should know: sources searched, decisions taken, why the protocol changed." error={errors.notes?.message}>
        {(p) => <Textarea {...p} rows={4} {...register('notes')} />}
      </Field>
      <SaveRow pending={isSubmitting} status={status} label="Save question and registration" />
    </form>
  );
}

export function SaveRow({ pending, status, label }: { pending: boolean; status: string | null; label: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" pending={pending}>
        {label}
      </Button>
      {status && <Alert tone="success" className="py-2">{status}</Alert>}
    </div>
  );
}
