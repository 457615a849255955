import type { Metadata } from 'next';
import Link from 'next/link';
import type { StepState } from '@/lib/domain/review/workflow-status';
import { reviewWorkflow } from '@/lib/services/overview';
import { Badge, RoleBadge, type BadgeTone } from '../../../_components/ui/badge';
import { Card, CardBody } from '../../../_components/ui/card';
import { formatDate } from '../../../_components/format-date';
import { StageHeader } from './_components/stage-header';
import { requireReviewPage, type ReviewPageParams } from './_lib/review-page';
import { STAGES } from './_lib/stages';

export const dynamic = 'force-dynamic';

/** Badges by step state; an open step (always available, nothing to finish) has none. */
const STATE_BADGE: Record<StepState, { label: string; tone: BadgeTone } | null> = {
  done: { label: 'Done', tone: 'success' },
  in_progress: { label: 'In progress', tone: 'accent' },
  to_do: { label: 'To do', tone: 'neutral' },
  coming: { label: 'Coming', tone: 'neutral' },
  open: null,
};
export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: ReviewPageParams) {
  const { user, review } = await requireReviewPage((await params).reviewId);
  const base = `/reviews/${review.id}`;
  const status = await reviewWorkflow(user.id, review.id, review.memberCount);
  // Inviting the team comes first in practice, although Settings is last in the navigation.
  const steps = [...STAGES.filter((s) => s.segment === 'settings'), ...STAGES.filter((s) => s.segment !== '' && s.segment !== 'settings' && !s.isView)];

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Overview" />
      <Card>
        <CardBody className="flex flex-col gap-4">
          <p className="text-sm leading-relaxed whitespace-pre-line text-zinc-700 dark:text-zinc-300">
            {review.description || 'No description yet.'}
          </p>
          <dl className="grid grid-cols-1 gap-4 border-t border-zinc-200 pt-4 text-sm sm:grid-cols-3 dark:border-zinc-800">
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Your role</dt>
              <dd className="mt-1">
                <RoleBadge role={review.role} />
              </dd>
            </div>
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Members</dt>
              <dd className="mt-1 font-medium">
                <Link href={`${base}/settings`} className="underline-offset-2 hover:underline">
                  {review.memberCount} {review.memberCount === 1 ? 'member' : 'members'}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Created</dt>
              <dd className="mt-1 font-medium">
                <time dateTime={review.createdAt.toISOString()}>{formatDate(review.createdAt)}</time>
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>

      <div className="mt-2">
        <h3 className="text-base font-semibold">Workflow</h3>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">The steps of a systematic review’s screening phase, in order.</p>
        <ol className="mt-4 flex flex-col gap-2">
          {steps.map((s, i) => {
            const isTeamStep = s.segment === 'settings';
            const step = status[s.segment];
            return (
              <li key={s.segment} className="flex items-start gap-4 rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
                <span aria-hidden="true" className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                  {i + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <Link href={`${base}/${s.segment}`} className="text-sm font-medium underline-offset-2 hover:underline">
                    {isTeamStep ? 'Invite your team' : s.label}
                  </Link>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">{s.summary}</p>
                  {step && <p className="mt-1 text-sm text-zinc-800 dark:text-zinc-200">{step.detail}</p>}
                </div>
                {step && STATE_BADGE[step.state] && <Badge tone={STATE_BADGE[step.state]!.tone}>{STATE_BADGE[step.state]!.label}</Badge>}
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
