import Link from 'next/link';
import type { ReviewSummary } from '@/lib/db/reviews';
import { RoleBadge } from '../../../_components/ui/badge';
import { formatDate } from '../../../_components/format-date';

export function ReviewList({ reviews }: { reviews: ReviewSummary[] }) {
  return (
    <ul className="flex flex-col gap-3">
      {reviews.map((r) => (
        <li
          key={r.id}
          className="relative rounded-lg border border-zinc-200 bg-white p-5 shadow-sm transition-colors focus-within:border-accent-600 hover:border-zinc-300 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-700"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <h3 className="text-base font-semibold">
              {/* The whole card is clickable; the link stays the one focusable element. */}
              <Link href={`/reviews/${r.id}`} className="after:absolute after:inset-0 after:rounded-lg hover:underline">
                {r.title}
              </Link>
            </h3>
            <RoleBadge role={r.role} />
          </div>
          {r.description && <p className="mt-2 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{r.description}</p>}
          <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
            {r.memberCount} {r.memberCount === 1 ? 'member' : 'members'} · Updated <time dateTime={r.updatedAt.toISOString()}>{formatDate(r.updatedAt)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
