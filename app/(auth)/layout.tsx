import type { ReactNode } from 'react';
import { Brand } from '../_components/brand';
import { SkipLink } from '../_components/skip-link';
import { ThemeToggle } from '../_components/theme-toggle';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="mx-auto flex w-full max-w-md items-center justify-between px-4 pt-8 sm:pt-16">
        <Brand href="/" />
        <ThemeToggle />
      </header>
      <main id="content" tabIndex={-1} className="mx-auto w-full max-w-md px-4 py-8 focus:outline-none">
        {children}
      </main>
    </>
  );
}
