import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Duplicates' };

export default async function DuplicatesPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'duplicates');
  return (
    <ComingStage title="Duplicates" intro="Records found by more than one search are grouped so each study is screened once." emptyTitle="Duplicate detection is not available yet">
      Once records are imported, this page will list likely duplicates with the reason each pair matched, for you to confirm or keep apart. It arrives in a coming release.
    </ComingStage>
  );
}
