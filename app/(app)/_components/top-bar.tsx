import Link from 'next/link';
import { Brand } from '../../_components/brand';
import { ThemeToggle } from '../../_components/theme-toggle';
import { buttonClasses } from '../../_components/ui/button';
import { SignOutButton } from './sign-out-button';

export function TopBar({ name, email }: { name: string; email: string }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Brand href="/reviews" />
        <nav aria-label="Account" className="flex items-center gap-1 sm:gap-2">
          <span className="mr-2 hidden max-w-48 truncate text-sm text-zinc-700 sm:inline dark:text-zinc-300" title={email}>
            {name}
          </span>
          <Link href="/account" className={buttonClasses('ghost', 'sm')}>
            Account
          </Link>
          <ThemeToggle />
          <SignOutButton />
        </nav>
      </div>
    </header>
  );
}
