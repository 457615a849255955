'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Button } from '../../../../../_components/ui/button';
import { Field } from '../../../../../_components/ui/field';
import { Textarea } from '../../../../../_components/ui/textarea';
import { commentOnConflictAction } from '../actions';
import type { StageId } from '../_lib/format';

const schema = z.object({ body: z.string().trim().min(1, 'Write a comment.').max(5000, 'Keep comments under 5000 characters.') });
type FormValues = z.infer<typeof schema>;

/** Adds a comment to one conflict's discussion; the page refreshes with it. */
export function CommentForm({ reviewId, recordId, stage, title }: { reviewId: string; recordId: string; stage: StageId; title: string }) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: { body: '' } });

  const onSubmit = async (data: FormValues) => {
    try {
      const result = await commentOnConflictAction(reviewId, recordId, { stage, body: data.body });
      if (!result.ok) return applyServerErrors(result, setError, ['body']);
      reset({ body: '' });
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <form noValidate aria-label={`Comment on: ${title}`} onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-3">
      <FormError message={errors.root?.server?.message} />
      <Field label="Add a comment" error={errors.body?.message}>
        {(p) => <Textarea {...p} rows={2} {...register('body')} />}
      </Field>
      <div>
        <Button type="submit" variant="secondary" size="sm" pending={isSubmitting}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
