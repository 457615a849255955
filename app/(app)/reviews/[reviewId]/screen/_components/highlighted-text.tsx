import type { HighlightSegment } from '@/lib/domain/highlight';

/**
 * Highlight terms as <mark>: inclusion terms green with a solid underline, exclusion terms red
 * with a wavy one, so the two differ in shape as well as colour; screen readers hear the kind.
 */
export const HIGHLIGHT_CLASS = {
  include:
    'rounded-sm bg-emerald-100 px-0.5 text-emerald-950 underline decoration-emerald-700 decoration-2 underline-offset-[3px] dark:bg-emerald-950 dark:text-emerald-50 dark:decoration-emerald-400',
  exclude:
    'rounded-sm bg-red-100 px-0.5 text-red-950 underline decoration-red-700 decoration-wavy decoration-1 underline-offset-[3px] dark:bg-red-950 dark:text-red-50 dark:decoration-red-400',
} as const;

export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  return segments.map((s, i) =>
    s.kind ? (
      <mark key={i} className={HIGHLIGHT_CLASS[s.kind]}>
        {s.text}
        <span className="sr-only"> ({s.kind === 'include' ? 'inclusion' : 'exclusion'} term)</span>
      </mark>
    ) : (
      s.text
    ),
  );
}

export function HighlightLegend() {
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      <span>Highlights:</span>
      <span>
        <mark className={HIGHLIGHT_CLASS.include}>inclusion term</mark>
      </span>
      <span>
        <mark className={HIGHLIGHT_CLASS.exclude}>exclusion term</mark>
      </span>
    </p>
  );
}
