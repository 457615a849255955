import type { ReactNode } from 'react';
import { cx } from './cx';

export type BadgeTone = 'accent' | 'success' | 'neutral';

const TONES: Record<BadgeTone, string> = {
  accent: 'border-accent-300 bg-accent-50 text-accent-700 dark:border-accent-700 dark:bg-zinc-900 dark:text-accent-300',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-zinc-900 dark:text-emerald-300',
  neutral: 'border-zinc-300 bg-zinc-100 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300',
};

export function Badge({ tone = 'neutral', children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return (
    <span className={cx('inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium', TONES[tone], className)}>
      {children}
    </span>
  );
}

const ROLE_TONE: Record<string, BadgeTone> = { owner: 'accent', reviewer: 'success', viewer: 'neutral' };

/** A member's role in a review: owner, reviewer or viewer. */
export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={ROLE_TONE[role] ?? 'neutral'}>{role.charAt(0).toUpperCase() + role.slice(1)}</Badge>;
}
