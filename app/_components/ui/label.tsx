'use client';
import * as LabelPrimitive from '@radix-ui/react-label';
import type { ComponentProps } from 'react';
import { cx } from './cx';

export function Label({ className, ...props }: ComponentProps<typeof LabelPrimitive.Root>) {
  return <LabelPrimitive.Root className={cx('text-sm font-medium text-zinc-900 dark:text-zinc-100', className)} {...props} />;
}
