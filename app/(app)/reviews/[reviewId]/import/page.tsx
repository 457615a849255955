import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'import');
  return (
    <ComingStage title="Import" intro="Bring in the records found by your database searches, one file per search." emptyTitle="No searches imported yet.">
      Importing search results (RIS, MEDLINE, PubMed XML and CSV files), with a report of any lines that could not be read, arrives in a coming release.
    </ComingStage>
  );
}
