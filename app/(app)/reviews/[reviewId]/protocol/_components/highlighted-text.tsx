import type { HighlightSegment } from '@/lib/domain/highlight/highlight';
import { cx } from '../../../../../_components/ui/cx';

const KIND = {
  include: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  exclude: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100',
};

/** Highlighted words as <mark>, with the kind said in words for screen readers. */
export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  return segments.map((s, i) =>
    s.kind ? (
      <mark key={i} className={cx('rounded px-0.5', KIND[s.kind])}>
        {s.text}
        <span className="sr-only"> ({s.kind} term)</span>
      </mark>
    ) : (
      <span key={i}>{s.text}</span>
    ),
  );
}
