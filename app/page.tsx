import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { Brand } from './_components/brand';
import { ThemeToggle } from './_components/theme-toggle';
import { buttonClasses } from './_components/ui/button';

export const dynamic = 'force-dynamic';

export default async function Home() {
  if (await getSessionUser()) redirect('/reviews');
  return (
    <div className="mx-auto flex min-h-screen w-full max-w-2xl flex-col px-6">
      <header className="flex items-center justify-between py-6">
        <Brand href="/" />
        <ThemeToggle />
      </header>
      <main id="content" className="flex flex-1 flex-col justify-center gap-6 pb-24">
        <h1 className="text-4xl font-semibold tracking-tight">Screen systematic reviews together</h1>
        <p className="text-lg leading-relaxed text-zinc-700 dark:text-zinc-300">
          Screen the records of your systematic review with your team: two blinded reviewers, conflicts settled openly, every PRISMA 2020
          count derived from your decisions.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/sign-in" className={buttonClasses('primary', 'lg')}>
            Sign in
          </Link>
          <Link href="/sign-up" className={buttonClasses('secondary', 'lg')}>
            Create an account
          </Link>
        </div>
      </main>
    </div>
  );
}
