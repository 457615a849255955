import type { Metadata } from 'next';
import { ComingStage } from '../_components/coming-stage';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'PRISMA' };

export default async function PrismaPage({ params }: ReviewPageParams) {
  await requireReviewPage((await params).reviewId, 'prisma');
  return (
    <ComingStage title="PRISMA" intro="The PRISMA 2020 flow diagram of your review." emptyTitle="The PRISMA diagram is not available yet">
      Every box of the diagram will be counted from the review’s imports and decisions, never typed in. It arrives in a coming release.
    </ComingStage>
  );
}
