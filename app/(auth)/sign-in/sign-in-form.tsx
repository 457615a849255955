'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { signInSchema, type SignInInput } from '@/lib/schemas/account';
import { FormError } from '../../_components/form-error';
import { Button } from '../../_components/ui/button';
import { Card, CardBody } from '../../_components/ui/card';
import { Field } from '../../_components/ui/field';
import { Input } from '../../_components/ui/input';

export const WRONG_CREDENTIALS = 'Wrong email or password.';

/** next-auth's error: 'CredentialsSignin' for a wrong password, else the thrown message (rate limit). */
export function signInErrorMessage(error: string): string {
  return error === 'CredentialsSignin' ? WRONG_CREDENTIALS : error;
}

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '' } });

  const onSubmit = async (data: SignInInput) => {
    try {
      const result = await signIn('credentials', { email: data.email, password: data.password, redirect: false, callbackUrl });
      if (!result || result.error || !result.ok) {
        setError('root.server', { message: result?.error ? signInErrorMessage(result.error) : 'Sign-in failed. Please try again.' });
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError('root.server', { message: 'Could not reach the server. Check your connection and try again.' });
    }
  };

  const formError = errors.root?.server?.message ?? (initialError && submitCount === 0 ? signInErrorMessage(initialError) : undefined);

  return (
    <Card>
      <CardBody className="py-6">
        <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-5">
          <FormError message={formError} />
          <Field label="Email" error={errors.email?.message}>
            {(p) => <Input {...p} type="email" autoComplete="email" {...register('email')} />}
          </Field>
          <Field label="Password" error={errors.password?.message}>
            {(p) => <Input {...p} type="password" autoComplete="current-password" {...register('password')} />}
          </Field>
          <Button type="submit" pending={isSubmitting} className="w-full">
            Sign in
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
