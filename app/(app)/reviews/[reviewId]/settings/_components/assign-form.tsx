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
import { Input } from '../../../../../_components/ui/input';
import { Select } from '../../../../../_components/ui/select';
import { assignRecordsAction } from '../stage-actions';

const schema = z.object({
  reviewerId: z.string().min(1, 'Choose a reviewer.'),
  stage: z.enum(['title_abstract', 'full_text']),
  count: z.coerce.number({ message: 'Give a number of records.' }).int('Give a whole number.').min(1, 'Assign at least 1 record.').max(10_000, 'Assign at most 10,000 records at a time.'),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

const STAGE_LABEL = { title_abstract: 'title/abstract', full_text: 'full text' } as const;

/** An owner reserves the next records that still need decisions for a named reviewer. */
export function AssignForm({ reviewId, reviewers }: { reviewId: string; reviewers: Array<{ userId: string; name: string }> }) {
  const [done, setDone] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(schema), defaultValues: { reviewerId: reviewers[0]?.userId ?? '', stage: 'title_abstract', count: 50 } });

  const onSubmit = async (data: FormOutput) => {
    setDone(null);
    try {
      const result = await assignRecordsAction(reviewId, data);
      if (!result.ok) return applyServerErrors(result, setError, ['reviewerId', 'stage', 'count']);
      const who = reviewers.find((r) => r.userId === data.reviewerId)?.name ?? 'the reviewer';
      const where = STAGE_LABEL[data.stage];
      if (result.assigned === 0) {
        setDone({ tone: 'info', text: `No records were free to reserve for ${who} at ${where}: every record that still needs decisions is already reserved, or ${who} has decided it.` });
      } else {
        const fewer = result.assigned < data.count ? ` (only ${result.assigned.toLocaleString('en-GB')} were free)` : '';
        setDone({ tone: 'success', text: `Reserved ${result.assigned.toLocaleString('en-GB')} ${result.assigned === 1 ? 'record' : 'records'} for ${who} at ${where}${fewer}.` });
      }
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  if (reviewers.length === 0) return <Alert>Invite a reviewer first: records can be reserved only for reviewers and owners.</Alert>;

  return (
    <form noValidate aria-label="Assign records" onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4">
      <FormError message={errors.root?.server?.message} />
      {done && <Alert tone={done.tone}>{done.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_11rem_8rem]">
        <Field label="Reviewer" error={errors.reviewerId?.message}>
          {(p) => (
            <Select {...p} {...register('reviewerId')}>
              {reviewers.map((r) => (
                <option key={r.userId} value={r.userId}>
                  {r.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Stage" error={errors.stage?.message}>
          {(p) => (
            <Select {...p} {...register('stage')}>
              <option value="title_abstract">Title/abstract</option>
              <option value="full_text">Full text</option>
            </Select>
          )}
        </Field>
        <Field label="Records" error={errors.count?.message}>
          {(p) => <Input {...p} type="number" inputMode="numeric" min={1} max={10000} step={1} defaultValue={50} {...register('count')} />}
        </Field>
      </div>
      <div>
        <Button type="submit" pending={isSubmitting}>
          Assign records
        </Button>
      </div>
    </form>
  );
}
