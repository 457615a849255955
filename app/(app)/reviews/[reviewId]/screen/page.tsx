import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Screening' };

export default async function ScreeningPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'screen');
  return (
    <ComingStage title="Screening" intro="Title and abstract screening: each record is judged by two reviewers, blinded to each other." emptyTitle="Screening is not available yet">
      Screening starts once records are imported and the protocol is written. It arrives in a coming release.
    </ComingStage>
  );
}
