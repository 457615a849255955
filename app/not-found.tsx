import type { Metadata } from 'next';
import Link from 'next/link';
import { Brand } from './_components/brand';
import { buttonClasses } from './_components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="mx-auto flex min-h-screen w-full max-w-lg flex-col gap-12 px-4 py-10 sm:py-16">
      <header>
        <Brand href="/" />
      </header>
      <main id="content" className="flex flex-col items-start gap-4">
        <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Error 404</p>
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-zinc-700 dark:text-zinc-300">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <Link href="/reviews" className={buttonClasses('secondary')}>
          Go to your reviews
        </Link>
      </main>
    </div>
  );
}
