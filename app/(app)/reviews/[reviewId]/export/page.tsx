import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Export' };

export default async function ExportPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'export');
  return (
    <ComingStage title="Export" intro="Take the results of the review elsewhere." emptyTitle="Export is not available yet">
      Downloads of included studies (RIS, CSV) and of the full decision log arrive in a coming release.
    </ComingStage>
  );
}
