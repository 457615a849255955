import type { Metadata } from 'next';
import { listReviewSearches } from '@/lib/services/import';
import { maxUploadBytes } from '@/lib/services/import/scan-file';
import { EmptyState } from '../../../../_components/ui/empty-state';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';
import { ImportForm } from './_components/import-form';
import { SearchesTable, Totals } from './_components/searches-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({ params }: ReviewPageParams) {
  const { user, review } = await requireReviewPage((await params).reviewId, 'import');
  const { searches, totals } = await listReviewSearches(user.id, review.id);
  const isOwner = review.role === 'owner';

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Import">
        Bring in the records found by each search, one export file per search. Every search keeps its own count of records identified; records found by more than one search are linked as duplicates and screened once.
      </StageHeader>

      <section className="flex flex-col gap-4">
        <h3 id="searches-title" className="text-base font-semibold">
          Searches
        </h3>
        {searches.length === 0 ? (
          <EmptyState title="No searches imported yet">
            {isOwner
              ? 'Add the first search below: name its source, paste the query as run, and upload its export file (PubMed MEDLINE or XML, RIS, or CSV).'
              : 'An owner of this review imports the searches. They will be listed here with their counts of records identified and duplicates removed.'}
          </EmptyState>
        ) : (
          <>
            <Totals totals={totals} />
            <SearchesTable searches={searches} />
          </>
        )}
      </section>

      {isOwner ? (
        <ImportForm reviewId={review.id} maxUploadMb={Math.floor(maxUploadBytes() / 1024 / 1024)} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Only owners of this review import searches.</p>
      )}
    </section>
  );
}
