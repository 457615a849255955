import Link from 'next/link';
import { cx } from '../../../../../_components/ui/cx';

export type ScreeningTab = 'title_abstract' | 'full_text' | 'decisions';

/** Title/abstract, full text, and the reviewer's own decisions: the screening area's three views. */
export function ScreeningTabs({ reviewId, active, stage }: { reviewId: string; active: ScreeningTab; stage: 'title_abstract' | 'full_text' }) {
  const base = `/reviews/${reviewId}/screen`;
  const tabs: Array<{ id: ScreeningTab; label: string; href: string }> = [
    { id: 'title_abstract', label: 'Title/abstract', href: `${base}?stage=title_abstract` },
    { id: 'full_text', label: 'Full text', href: `${base}?stage=full_text` },
    { id: 'decisions', label: 'My decisions', href: `${base}/decisions?stage=${stage}` },
  ];
  return (
    <nav aria-label="Screening views">
      <ul className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {tabs.map((t) => (
          <li key={t.id}>
            <Link
              href={t.href}
              aria-current={t.id === active ? 'page' : undefined}
              className={cx(
                '-mb-px block border-b-2 px-3 py-2 text-sm font-medium transition-colors',
                t.id === active
                  ? 'border-accent-600 text-accent-700 dark:border-accent-300 dark:text-accent-300'
                  : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-100',
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
