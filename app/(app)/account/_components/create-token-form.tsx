'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { createTokenSchema } from '@/lib/schemas/account';
import { applyServerErrors } from '../../../_components/apply-server-errors';
import { FormError } from '../../../_components/form-error';
import { Button } from '../../../_components/ui/button';
import { Card, CardBody } from '../../../_components/ui/card';
import { Field } from '../../../_components/ui/field';
import { Input } from '../../../_components/ui/input';
import { createTokenAction } from '../actions';

type FormInput = z.input<typeof createTokenSchema>;
type FormOutput = z.output<typeof createTokenSchema>;

export function CreateTokenForm() {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(createTokenSchema), defaultValues: { name: '' } });

  const onSubmit = async (data: FormOutput) => {
    setCreated(null);
    try {
      const result = await createTokenAction(data);
      if (!result.ok) return applyServerErrors(result, setError, ['name']);
      reset({ name: '' });
      setCreated({ token: result.token, name: result.name });
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <Card>
      <CardBody className="flex flex-col gap-4">
        {created && <NewToken {...created} onDone={() => setCreated(null)} />}
        <form noValidate aria-label="Create an API token" onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4">
          <FormError message={errors.root?.server?.message} />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <Field label="Name" hint="What will use it, for example “R analysis script”." error={errors.name?.message} className="flex-1">
              {(p) => <Input {...p} autoComplete="off" {...register('name')} />}
            </Field>
            <Button type="submit" pending={isSubmitting} className="sm:mt-7">
              Create token
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

/** The full token, shown once: selectable, copyable, with the warning that it will not come back. */
function NewToken({ token, name, onDone }: { token: string; name: string; onDone: () => void }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [token]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      fieldRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div role="status" className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-zinc-950">
      <div>
        <p className="font-semibold text-amber-900 dark:text-amber-300">Token “{name}” created</p>
        <p className="mt-1 text-amber-900 dark:text-amber-200">Copy it now: it will not be shown again. Sieve keeps only a fingerprint of it.</p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-token" className="sr-only">
          New API token
        </label>
        <input
          ref={fieldRef}
          id="new-token"
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          className="h-10 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
        <Button variant="secondary" onClick={copy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying is blocked here; the token is selected, press Ctrl+C or ⌘C.' : ''}
      </p>
    </div>
  );
}
