'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { addMemberSchema, ROLES } from '@/lib/schemas/review';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { Card, CardBody, CardHeader } from '../../../../../_components/ui/card';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Select } from '../../../../../_components/ui/select';
import { inviteMemberAction } from '../actions';

type FormInput = z.input<typeof addMemberSchema>;
type FormOutput = z.output<typeof addMemberSchema>;

const ROLE_LABEL: Record<(typeof ROLES)[number], string> = { owner: 'Owner', reviewer: 'Reviewer', viewer: 'Viewer' };

export function InviteForm({ reviewId }: { reviewId: string }) {
  const [added, setAdded] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(addMemberSchema), defaultValues: { email: '', role: 'reviewer' } });

  const onSubmit = async (data: FormOutput) => {
    setAdded(null);
    try {
      const result = await inviteMemberAction(reviewId, data);
      if (!result.ok) return applyServerErrors(result, setError, ['email', 'role']);
      reset({ email: '', role: data.role });
      setAdded(`${result.name} was added as ${ROLE_LABEL[result.role as keyof typeof ROLE_LABEL]?.toLowerCase() ?? result.role}.`);
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <Card>
      <CardHeader>
        <h3 id="invite-title" className="text-base font-semibold">
          Invite a colleague
        </h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">They need a Sieve account first; use the email address they signed up with.</p>
      </CardHeader>
      <CardBody>
        <form noValidate aria-labelledby="invite-title" onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4">
          <FormError message={errors.root?.server?.message} />
          {added && <Alert tone="success">{added}</Alert>}
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_11rem]">
            <Field label="Email" error={errors.email?.message}>
              {(p) => <Input {...p} type="email" autoComplete="off" {...register('email')} />}
            </Field>
            <Field label="Role" error={errors.role?.message}>
              {(p) => (
                <Select {...p} {...register('role')}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <div>
            <Button type="submit" pending={isSubmitting}>
              Invite
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
