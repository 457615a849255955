import type { ComponentProps } from 'react';
import { cx } from './cx';

/**
 * A table that scrolls sideways on narrow screens. The scroll region is focusable and named so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function Table({ label, className, ...props }: ComponentProps<'table'> & { label: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className={cx('w-full border-collapse text-left text-sm', className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cx('border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950/40', className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cx('divide-y divide-zinc-200 dark:divide-zinc-800', className)} {...props} />;
}

export function TR(props: ComponentProps<'tr'>) {
  return <tr {...props} />;
}

export function TH({ className, scope = 'col', ...props }: ComponentProps<'th'>) {
  return <th scope={scope} className={cx('px-4 py-2.5 font-medium whitespace-nowrap text-zinc-700 dark:text-zinc-300', className)} {...props} />;
}

export function TD({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cx('px-4 py-3 align-middle text-zinc-900 dark:text-zinc-100', className)} {...props} />;
}
