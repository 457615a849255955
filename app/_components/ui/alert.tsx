import type { ReactNode } from 'react';
import { cx } from './cx';

export type AlertTone = 'info' | 'error' | 'success' | 'warning';

const TONES: Record<AlertTone, string> = {
  info: 'border-accent-300 bg-accent-50 text-accent-700 dark:border-accent-700 dark:bg-zinc-900 dark:text-accent-300',
  error: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-zinc-900 dark:text-emerald-300',
  warning: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-zinc-900 dark:text-amber-300',
};

/** A message block. Errors use role="alert" so screen readers announce them at once. */
export function Alert({ tone = 'info', title, children, className }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode; className?: string }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cx('rounded-md border px-4 py-3 text-sm', TONES[tone], className)}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={cx(title ? 'mt-1' : undefined, 'leading-relaxed')}>{children}</div>}
    </div>
  );
}
