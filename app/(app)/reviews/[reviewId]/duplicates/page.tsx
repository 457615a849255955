import type { Metadata } from 'next';
import Link from 'next/link';
import { listReviewDuplicates } from '@/lib/services/duplicates';
import { Alert } from '../../../../_components/ui/alert';
import { EmptyState } from '../../../../_components/ui/empty-state';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage } from '../_lib/review-page';
import { ConflictAnnouncer } from '../conflicts/_components/conflict-announcer';
import { LinkTabs, Pager } from '../conflicts/_components/pager';
import { parsePage, queryValue } from '../conflicts/_lib/format';
import { PairCard } from './_components/pair-card';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Duplicates' };

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 10;
const STATUSES = ['pending', 'merged', 'not_duplicate'] as const;
type Status = (typeof STATUSES)[number];
const TAB_LABEL: Record<Status, string> = { pending: 'Pending', merged: 'Merged', not_duplicate: 'Not duplicates' };

const EMPTY: Record<Status, [string, string]> = {
  pending: ['No pairs waiting for a decision', 'Likely duplicates found when searches are imported wait here for an owner to merge them or keep them apart. Exact duplicates (same PMID, or same DOI and title) are linked automatically and listed under Merged.'],
  merged: ['No merged pairs yet', 'Exact duplicates linked at import and likely pairs an owner merged are listed here, with undo.'],
  not_duplicate: ['No pairs marked as not duplicates', 'Pairs an owner decided are different reports are kept here, with undo.'],
};

export default async function DuplicatesPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const query = await searchParams;
  const raw = queryValue(query, 'status');
  const status: Status = STATUSES.includes(raw as Status) ? (raw as Status) : 'pending';
  const page = parsePage(query);
  const { user, review } = await requireReviewPage(reviewId, `duplicates${status === 'pending' ? '' : `?status=${status}`}`);
  const base = `/reviews/${review.id}/duplicates`;
  const href = (s: Status, p = 1) => `${base}${s === 'pending' ? '' : `?status=${s}`}${p > 1 ? `${s === 'pending' ? '?' : '&'}page=${p}` : ''}`;
  const list = await listReviewDuplicates(user.id, review.id, { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const canDecide = review.role === 'owner';
  const noun: [string, string] = [`${TAB_LABEL[status].toLowerCase()} pair`, `${TAB_LABEL[status].toLowerCase()} pairs`];

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Duplicates">
        Records found by more than one search, paired so each study is screened once. Nothing is deleted: merged records stay in the audit trail and count as duplicates removed in PRISMA.
      </StageHeader>
      {!canDecide && <p className="text-sm text-zinc-600 dark:text-zinc-400">Only owners of this review decide duplicate pairs; you can see them here.</p>}

      <LinkTabs label="Duplicate pair status" tabs={STATUSES.map((s) => ({ id: s, label: TAB_LABEL[s], href: href(s), current: s === status, count: list.counts[s] }))} />

      <ConflictAnnouncer>
        {list.items.length === 0 && list.total > 0 ? (
          <Alert>
            This page is past the end of the list.{' '}
            <Link href={href(status)} className="font-medium underline underline-offset-2">
              Go to the first page
            </Link>
            .
          </Alert>
        ) : list.items.length === 0 ? (
          <EmptyState title={EMPTY[status][0]}>{EMPTY[status][1]}</EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <Pager label="Duplicate pages" page={page} pageSize={PAGE_SIZE} total={list.total} noun={noun} href={(p) => href(status, p)} />
            <ul className="flex flex-col gap-5">
              {list.items.map((pair, i) => (
                <li key={pair.id}>
                  <PairCard pair={pair} number={(page - 1) * PAGE_SIZE + i + 1} reviewId={review.id} canDecide={canDecide} />
                </li>
              ))}
            </ul>
            <Pager label="Duplicate pages, bottom" page={page} pageSize={PAGE_SIZE} total={list.total} noun={noun} href={(p) => href(status, p)} />
          </div>
        )}
      </ConflictAnnouncer>
    </section>
  );
}
