import type { ReactNode } from 'react';
import { getSessionUser } from '@/lib/auth/session';
import { RoleBadge } from '../../../_components/ui/badge';
import { StageNav } from './_components/stage-nav';
import { reviewForMember, type ReviewPageParams } from './_lib/review-page';

export const dynamic = 'force-dynamic';

/** The workspace frame: the review's title (the page's h1) and the stage navigation. */
export default async function ReviewLayout({ children, params }: ReviewPageParams & { children: ReactNode }) {
  const { reviewId } = await params;
  const user = await getSessionUser();
  if (!user) return children; // the page redirects to sign-in with its own address
  const review = await reviewForMember(user.id, reviewId);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{review.title}</h1>
        <RoleBadge role={review.role} />
      </div>
      <div className="grid gap-6 lg:grid-cols-[12rem_minmax(0,1fr)] lg:gap-10">
        <StageNav reviewId={review.id} />
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
