import Link from 'next/link';

/** The product name with its mark, linking home. */
export function Brand({ href }: { href: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 rounded-md text-base font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-accent-600 dark:text-accent-300" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d="M3 5h18M6 10h12M9 15h6M11 20h2" />
      </svg>
      Sieve
    </Link>
  );
}
