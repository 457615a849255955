import type { ReactNode } from 'react';
import { getSessionUser } from '@/lib/auth/session';
import { SkipLink } from '../_components/skip-link';
import { TopBar } from './_components/top-bar';

export const dynamic = 'force-dynamic';

/**
 * Chrome for signed-in pages. A layout cannot see the URL, so each page calls
 * requirePageUser(itsOwnPath) and that redirect carries the right callbackUrl; when signed out,
 * this layout renders no chrome and lets the page redirect.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <>
      <SkipLink />
      {user && <TopBar name={user.name} email={user.email} />}
      <main id="content" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-8 focus:outline-none sm:px-6">
        {children}
      </main>
    </>
  );
}
