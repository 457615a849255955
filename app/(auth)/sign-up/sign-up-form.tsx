'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { signUpSchema, type SignUpInput } from '@/lib/schemas/account';
import { applyServerErrors } from '../../_components/apply-server-errors';
import { FormError } from '../../_components/form-error';
import { Button } from '../../_components/ui/button';
import { Card, CardBody } from '../../_components/ui/card';
import { Field } from '../../_components/ui/field';
import { Input } from '../../_components/ui/input';
import { signUpAction } from './actions';

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignUpInput>({ resolver: zodResolver(signUpSchema), defaultValues: { name: '', email: '', password: '' } });

  const onSubmit = async (data: SignUpInput) => {
    try {
      const result = await signUpAction(data);
      if (!result.ok) return applyServerErrors(result, setError, ['name', 'email', 'password']);
      const signedIn = await signIn('credentials', { email: data.email, password: data.password, redirect: false, callbackUrl });
      // The account exists either way; if the automatic sign-in fails, the sign-in page still works.
      router.replace(signedIn?.ok && !signedIn.error ? callbackUrl : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      router.refresh();
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <Card>
      <CardBody className="py-6">
        <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-5">
          <FormError message={errors.root?.server?.message} />
          <Field label="Name" error={errors.name?.message}>
            {(p) => <Input {...p} autoComplete="name" {...register('name')} />}
          </Field>
          <Field label="Email" error={errors.email?.message}>
            {(p) => <Input {...p} type="email" autoComplete="email" {...register('email')} />}
          </Field>
          <Field label="Password" hint="At least 10 characters, not a common password." error={errors.password?.message}>
            {(p) => <Input {...p} type="password" autoComplete="new-password" {...register('password')} />}
          </Field>
          <Button type="submit" pending={isSubmitting} className="w-full">
            Create account
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
