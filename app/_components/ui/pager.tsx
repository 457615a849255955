import Link from 'next/link';
import { buttonClasses } from './button';

/** Previous/next links and "Page n of m" under a paged list; nothing when it fits on one page. */
export function Pager({ page, total, pageSize, href }: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  if (total <= pageSize) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3">
      {page > 1 ? <Link href={href(page - 1)} className={buttonClasses('secondary', 'sm')}>Previous page</Link> : <span />}
      <span className="text-sm text-zinc-600 dark:text-zinc-400">
        Page {page} of {Math.ceil(total / pageSize)}
      </span>
      {page * pageSize < total ? <Link href={href(page + 1)} className={buttonClasses('secondary', 'sm')}>Next page</Link> : <span />}
    </nav>
  );
}
