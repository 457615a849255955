import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Full text' };

export default async function FullTextPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'full-text');
  return (
    <ComingStage title="Full text" intro="The full reports of records that passed title and abstract screening, each exclusion with a reason." emptyTitle="Full-text screening is not available yet">
      Full-text screening, with exclusion reasons taken from the protocol, arrives in a coming release.
    </ComingStage>
  );
}
