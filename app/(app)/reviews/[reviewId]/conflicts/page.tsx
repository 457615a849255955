import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Conflicts' };

export default async function ConflictsPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'conflicts');
  return (
    <ComingStage title="Conflicts" intro="Records on which the two reviewers disagreed, settled by an adjudicator." emptyTitle="Conflict resolution is not available yet">
      Disagreements between reviewers will be listed here, with both decisions and reasons, once screening is available. It arrives in a coming release.
    </ComingStage>
  );
}
