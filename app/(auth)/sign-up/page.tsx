import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { callbackQuery, safeCallbackUrl } from '../_lib/safe-callback-url';
import { SignUpForm } from './sign-up-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create an account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Create an account</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">One account per person. Colleagues can then invite you to their reviews.</p>
      </div>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{' '}
        <Link href={`/sign-in${callbackQuery(callbackUrl)}`} className="font-medium text-accent-700 underline underline-offset-2 hover:no-underline dark:text-accent-300">
          Sign in
        </Link>
      </p>
    </div>
  );
}
