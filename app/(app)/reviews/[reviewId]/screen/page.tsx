import type { Metadata } from 'next';
import { Alert } from '../../../../_components/ui/alert';
import { isAppError } from '@/lib/errors';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage } from '../_lib/review-page';
import { ScreeningTabs } from './_components/screening-tabs';
import { ScreeningWorkspace } from './_components/screening-workspace';
import { loadScreening } from './_lib/load-screening';
import { parseStage } from './_lib/types';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Screening' };

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const INTRO = {
  title_abstract: 'One record at a time: decide from the title and abstract whether it could meet the criteria. Maybe counts as include.',
  full_text: 'The full reports of records that passed title and abstract screening: include, or exclude with the reason that reports it.',
};

export default async function ScreeningPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const stage = parseStage((await searchParams).stage);
  const { user, review } = await requireReviewPage(reviewId, `screen?stage=${stage}`);
  const header = (
    <>
      <StageHeader title={stage === 'full_text' ? 'Full-text screening' : 'Title/abstract screening'}>{INTRO[stage]}</StageHeader>
      <ScreeningTabs reviewId={review.id} active={stage} stage={stage} />
    </>
  );
  if (review.role === 'viewer') {
    return (
      <section aria-labelledby="stage-title" className="flex flex-col gap-6">
        {header}
        <Alert title="Viewers do not screen">You can read this review’s protocol and progress; an owner can make you a reviewer under Settings.</Alert>
      </section>
    );
  }
  let data: Awaited<ReturnType<typeof loadScreening>>;
  try {
    data = await loadScreening(user.id, review.id, stage, review.role);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <section aria-labelledby="stage-title" className="flex flex-col gap-6">
        {header}
        <Alert tone="error">{error.message}</Alert>
      </section>
    );
  }
  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-5">
      {header}
      <ScreeningWorkspace key={stage} setup={data.setup} initial={{ items: data.items, progress: data.progress }} decisionsHref={`/reviews/${review.id}/screen/decisions?stage=${stage}`} />
    </section>
  );
}
