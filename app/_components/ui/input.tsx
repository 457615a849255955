import type { ComponentProps } from 'react';
import { cx } from './cx';

/** Shared look of text-like controls; aria-invalid turns the border red. */
export const controlClasses = cx(
  'block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm',
  'placeholder:text-zinc-500 focus-visible:border-accent-600',
  'disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-600',
  'aria-invalid:border-red-700 dark:aria-invalid:border-red-400',
  'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 dark:focus-visible:border-accent-300',
  'dark:disabled:bg-zinc-800 dark:disabled:text-zinc-400',
);

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cx(controlClasses, 'h-10', className)} {...props} />;
}
