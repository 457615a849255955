'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from '../../../../_components/ui/cx';
import { STAGES } from '../_lib/stages';

/** The workflow's stages; the current one is marked with aria-current="page". */
export function StageNav({ reviewId }: { reviewId: string }) {
  const pathname = usePathname();
  const base = `/reviews/${reviewId}`;
  return (
    <nav aria-label="Review stages" className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:overflow-visible lg:px-0">
      <ul className="flex gap-1 border-b border-zinc-200 pb-2 lg:flex-col lg:border-b-0 lg:pb-0 dark:border-zinc-800">
        {STAGES.map((s) => {
          const href = s.segment ? `${base}/${s.segment}` : base;
          const active = s.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
          return (
            <li key={s.segment || 'overview'}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cx(
                  'block rounded-md px-3 py-2 text-sm whitespace-nowrap transition-colors',
                  active
                    ? 'bg-accent-50 font-semibold text-accent-700 dark:bg-zinc-800 dark:text-accent-300'
                    : 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-50',
                )}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
