import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { callbackQuery, safeCallbackUrl } from '../_lib/safe-callback-url';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  // next-auth sends people here with ?error=... when it handles a sign-in itself (no JavaScript).
  const error = typeof params.error === 'string' ? params.error : undefined;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Welcome back. Sign in to continue screening with your team.</p>
      </div>
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        New to Sieve?{' '}
        <Link href={`/sign-up${callbackQuery(callbackUrl)}`} className="font-medium text-accent-700 underline underline-offset-2 hover:no-underline dark:text-accent-300">
          Create an account
        </Link>
      </p>
    </div>
  );
}
