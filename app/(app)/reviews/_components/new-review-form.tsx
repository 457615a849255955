'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { TEMPLATE_CHOICES } from '@/lib/domain/protocol/template-choices';
import { createReviewSchema } from '@/lib/schemas/review';
import { applyServerErrors } from '../../../_components/apply-server-errors';
import { FormError } from '../../../_components/form-error';
import { isRedirectError } from '../../../_components/is-redirect-error';
import { Button } from '../../../_components/ui/button';
import { Card, CardBody, CardHeader } from '../../../_components/ui/card';
import { Field } from '../../../_components/ui/field';
import { Input } from '../../../_components/ui/input';
import { Select } from '../../../_components/ui/select';
import { Textarea } from '../../../_components/ui/textarea';
import { createReviewAction } from '../actions';

type FormInput = z.input<typeof createReviewSchema>;
type FormOutput = z.output<typeof createReviewSchema>;

export function NewReviewForm() {
  const [isOpening, setIsOpening] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(createReviewSchema), defaultValues: { title: '', description: '', template: 'none' } });

  const onSubmit = async (data: FormOutput) => {
    try {
      // On success the action redirects to the new review's workspace.
      const result = await createReviewAction(data);
      if (result && !result.ok) applyServerErrors(result, setError, ['title', 'description', 'template']);
    } catch (error) {
      if (isRedirectError(error)) return setIsOpening(true);
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <Card>
      <CardHeader>
        <h2 id="new-review" className="text-base font-semibold">
          New review
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You become its owner and can invite others.</p>
      </CardHeader>
      <CardBody>
        <form noValidate aria-labelledby="new-review" onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4">
          <FormError message={errors.root?.server?.message} />
          <Field label="Title" id="new-review-title" error={errors.title?.message}>
            {(p) => <Input {...p} {...register('title')} />}
          </Field>
          <Field label="Description" hint="Optional: the question, in a sentence or two." error={errors.description?.message}>
            {(p) => <Textarea {...p} rows={3} {...register('description')} />}
          </Field>
          <Field label="Protocol template" hint="Start empty, or from a template whose question, PICOS, criteria and highlight terms you then edit." error={errors.template?.message}>
            {(p) => (
              <Select {...p} {...register('template')}>
                {TEMPLATE_CHOICES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" pending={isSubmitting || isOpening} className="w-full">
            Create review
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

