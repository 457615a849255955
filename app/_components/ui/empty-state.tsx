import type { ReactNode } from 'react';
import { cx } from './cx';

/** What a page will hold, said plainly when it holds nothing yet. */
export function EmptyState({
  title,
  children,
  action,
  headingLevel = 3,
  className,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div
      className={cx(
        'flex flex-col items-center gap-2 rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-10 text-center dark:border-zinc-700 dark:bg-zinc-900',
        className,
      )}
    >
      <Heading className="text-base font-semibold text-zinc-900 dark:text-zinc-100">{title}</Heading>
      {children && <div className="max-w-prose text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{children}</div>}
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}
