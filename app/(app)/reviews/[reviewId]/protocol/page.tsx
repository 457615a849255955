import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Protocol' };

export default async function ProtocolPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'protocol');
  return (
    <ComingStage title="Protocol" intro="The plan the team screens against, written before screening starts." emptyTitle="No protocol yet">
      The protocol editor (question, PICOS, eligibility criteria, exclusion reasons) arrives in a coming release.
    </ComingStage>
  );
}
