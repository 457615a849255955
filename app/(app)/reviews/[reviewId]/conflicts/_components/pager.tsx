import Link from 'next/link';
import { buttonClasses } from '../../../../../_components/ui/button';

/** "11–20 of 23 conflicts" with previous/next links; `href(page)` builds each page's address. */
export function Pager({ page, pageSize, total, noun, href, label }: { page: number; pageSize: number; total: number; noun: [string, string]; href: (page: number) => string; label: string }) {
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400">
        {first > total ? `Page ${page} is past the end.` : `${first.toLocaleString('en-GB')}–${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${total === 1 ? noun[0] : noun[1]}`}
      </p>
      {lastPage > 1 && (
        <div className="flex gap-2">
          {page > 1 ? (
            <Link href={href(Math.min(page - 1, lastPage))} className={buttonClasses('secondary', 'sm')}>
              Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClasses('secondary', 'sm')}>
              Previous
            </span>
          )}
          {page < lastPage ? (
            <Link href={href(page + 1)} className={buttonClasses('secondary', 'sm')}>
              Next
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClasses('secondary', 'sm')}>
              Next
            </span>
          )}
        </div>
      )}
    </nav>
  );
}

/** Tabs made of links (the current one marked aria-current), as the screening views use. */
export function LinkTabs({ label, tabs }: { label: string; tabs: Array<{ id: string; label: string; href: string; current: boolean; count?: number }> }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {tabs.map((t) => (
          <li key={t.id}>
            <Link
              href={t.href}
              aria-current={t.current ? 'page' : undefined}
              className={
                t.current
                  ? '-mb-px block border-b-2 border-accent-600 px-3 py-2 text-sm font-medium text-accent-700 dark:border-accent-300 dark:text-accent-300'
                  : '-mb-px block border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-600 transition-colors hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-100'
              }
            >
              {t.label}
              {t.count !== undefined && (
                <span className="ml-1.5 rounded-full bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">{t.count.toLocaleString('en-GB')}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
