import type { ReactNode } from 'react';

/** A stage page's heading (h2: the review title is the h1) and what the stage is for. */
export function StageHeader({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="max-w-prose">
        <h2 id="stage-title" className="text-xl font-semibold tracking-tight">{title}</h2>
        {children && <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{children}</p>}
      </div>
      {actions}
    </div>
  );
}
