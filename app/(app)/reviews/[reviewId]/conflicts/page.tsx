import type { Metadata } from 'next';
import Link from 'next/link';
import { isAppError } from '@/lib/errors';
import { conflictThreads, getStageSettings, listStageConflicts } from '@/lib/services/dual-screening';
import { getProtocol } from '@/lib/services/protocol';
import { Alert } from '../../../../_components/ui/alert';
import { EmptyState } from '../../../../_components/ui/empty-state';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage } from '../_lib/review-page';
import { AgreementPanel, loadAgreement } from './_components/agreement-panel';
import { ConflictAnnouncer } from './_components/conflict-announcer';
import { ConflictCard } from './_components/conflict-card';
import { LinkTabs, Pager } from './_components/pager';
import { parsePage, parseStage, plural, queryValue, STAGE_IDS, STAGE_LABEL, type StageId } from './_lib/format';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Conflicts' };

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 10;

const RULE: Record<StageId, string> = {
  title_abstract: 'Maybe counts as include at title/abstract: maybe vs exclude is a conflict, maybe vs include is not.',
  full_text: 'At full text, include vs exclude is a conflict, and so are two exclusions for different reasons. A final exclusion takes the reason that reports it.',
};

export default async function ConflictsPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const query = await searchParams;
  const stage = parseStage(query.stage);
  const status = queryValue(query, 'status') === 'resolved' ? 'resolved' : 'open';
  const page = parsePage(query);
  const { user, review } = await requireReviewPage(reviewId, `conflicts?stage=${stage}`);
  const base = `/reviews/${review.id}/conflicts`;
  const href = (s: StageId, st: string, p = 1) => `${base}?stage=${s}${st === 'resolved' ? '&status=resolved' : ''}${p > 1 ? `&page=${p}` : ''}`;

  const header = (
    <StageHeader title="Conflicts">
      Records on which the reviewers’ independent decisions disagree, settled openly by an adjudicator. The reviewers’ own decisions are never changed, and resolving does not change the agreement figures.
    </StageHeader>
  );

  let list: Awaited<ReturnType<typeof listStageConflicts>>;
  let other: Awaited<ReturnType<typeof listStageConflicts>>;
  try {
    [list, other] = await Promise.all([
      listStageConflicts(user.id, review.id, { stage, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      listStageConflicts(user.id, review.id, { stage, status: status === 'open' ? 'resolved' : 'open', limit: 1, offset: 0 }),
    ]);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'forbidden') throw error;
    return (
      <section aria-labelledby="stage-title" className="flex flex-col gap-6">
        {header}
        <Alert title="Conflicts are settled by adjudicators">
          <p>
            Owners, and members whom an owner has given the adjudicator right, see the records on which reviewers disagreed and decide them. Keeping conflicts with them means no reviewer sees how a colleague voted while screening is blinded.
          </p>
          <p className="mt-2">If you should settle conflicts, ask an owner to make you an adjudicator under Settings.</p>
        </Alert>
      </section>
    );
  }

  const [settings, protocol, agreement, comments] = await Promise.all([
    getStageSettings(user.id, review.id),
    getProtocol(user.id, review.id),
    loadAgreement(user.id, review.id, stage),
    conflictThreads(user.id, review.id, list.items.map((c) => c.recordId), stage),
  ]);
  const setting = settings.find((s) => s.stage === stage);
  const reasons = protocol.exclusionReasons
    .filter((r) => !r.isRetired)
    .sort((a, b) => (a.kind === b.kind ? a.priority - b.priority || a.position - b.position : a.kind === 'standard' ? -1 : 1))
    .map((r) => ({ id: r.id, label: r.label }));
  const reasonLabels = new Map(protocol.exclusionReasons.map((r) => [r.id, r.label]));
  const openTotal = status === 'open' ? list.total : other.total;
  const resolvedTotal = status === 'resolved' ? list.total : other.total;
  const stageName = STAGE_LABEL[stage].toLowerCase();

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      {header}
      <LinkTabs label="Screening stage" tabs={STAGE_IDS.map((s) => ({ id: s, label: STAGE_LABEL[s], href: href(s, status), current: s === stage }))} />

      <div className="flex flex-col gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        <p>
          <span className="font-medium">{RULE[stage]}</span>
        </p>
        {setting && (
          <p className="text-zinc-600 dark:text-zinc-400">
            Each record needs {plural(setting.requiredDecisions, 'independent decision')} at {stageName}; screening is {setting.isBlinded ? 'blinded' : 'not blinded'}.
            {setting.requiredDecisions === 1 && ' With one decision per record there is nothing to disagree about.'}
          </p>
        )}
      </div>

      <LinkTabs
        label="Conflict status"
        tabs={[
          { id: 'open', label: 'Open', href: href(stage, 'open'), current: status === 'open', count: openTotal },
          { id: 'resolved', label: 'Resolved', href: href(stage, 'resolved'), current: status === 'resolved', count: resolvedTotal },
        ]}
      />

      <ConflictAnnouncer>
        {list.items.length === 0 && list.total > 0 ? (
          <Alert>
            This page is past the end of the list.{' '}
            <Link href={href(stage, status)} className="font-medium underline underline-offset-2">
              Go to the first page
            </Link>
            .
          </Alert>
        ) : list.items.length === 0 ? (
          <EmptyState title={status === 'open' ? `No open conflicts at ${stageName}` : `No resolved conflicts at ${stageName} yet`}>
            {status === 'open'
              ? 'When the required decisions on a record disagree, the record waits here for an adjudicator. Records whose decisions agree move on by themselves.'
              : 'Conflicts you or another adjudicator settle are kept here, with who resolved them, when and why.'}
          </EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <Pager label="Conflict pages" page={page} pageSize={PAGE_SIZE} total={list.total} noun={[`${status} conflict`, `${status} conflicts`]} href={(p) => href(stage, status, p)} />
            <ul className="flex flex-col gap-5">
              {list.items.map((c, i) => (
                <li key={c.recordId}>
                  <ConflictCard reviewId={review.id} conflict={c} comments={comments[i]} reasons={reasons} />
                </li>
              ))}
            </ul>
            <Pager label="Conflict pages, bottom" page={page} pageSize={PAGE_SIZE} total={list.total} noun={[`${status} conflict`, `${status} conflicts`]} href={(p) => href(stage, status, p)} />
          </div>
        )}
      </ConflictAnnouncer>

      <div className="mt-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <AgreementPanel reviewId={review.id} stage={stage} result={agreement} reasonLabels={reasonLabels} />
      </div>
    </section>
  );
}
