import type { conflictComments, listStageConflicts } from '@/lib/services/dual-screening';
import { Badge, type BadgeTone } from '../../../../../_components/ui/badge';
import { Card, CardBody, CardHeader } from '../../../../../_components/ui/card';
import { DECISION_LABEL, formatDateTime, plural, type StageId } from '../_lib/format';
import { CommentForm } from './comment-form';
import { ResolutionForm, type ReasonChoice } from './resolution-form';

export type Conflict = Awaited<ReturnType<typeof listStageConflicts>>['items'][number];
export type ConflictComment = Awaited<ReturnType<typeof conflictComments>>[number];

const TONE: Record<string, BadgeTone> = { include: 'success', maybe: 'accent', exclude: 'neutral' };

function DecisionBadge({ decision, stage }: { decision: string; stage: StageId }) {
  return (
    <Badge tone={TONE[decision] ?? 'neutral'}>
      {DECISION_LABEL[decision] ?? decision}
      {decision === 'maybe' && stage === 'title_abstract' ? ' (counts as include)' : ''}
    </Badge>
  );
}

const LINK = 'text-accent-700 underline underline-offset-2 hover:text-accent-600 dark:text-accent-300 dark:hover:text-accent-300';

/** One conflict: the record, the reviewers' decisions side by side, the discussion, and the resolution. */
export function ConflictCard({ reviewId, conflict, comments, reasons }: { reviewId: string; conflict: Conflict; comments: ConflictComment[]; reasons: ReasonChoice[] }) {
  const { record, stage, resolution } = conflict;
  const titleId = `conflict-${conflict.recordId}`;
  const title = record.title || 'Untitled record';
  return (
    <article aria-labelledby={titleId}>
      <Card>
        <CardHeader>
          <h3 id={titleId} className="text-base leading-snug font-semibold break-words">
            {title}
          </h3>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
            {record.year && <span>{record.year}</span>}
            {record.journal && <span className="italic">{record.journal}</span>}
            {record.pmid && (
              <a className={LINK} href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(record.pmid)}/`} target="_blank" rel="noreferrer">
                PMID {record.pmid}
              </a>
            )}
            {record.doi && (
              <a className={LINK} href={`https://doi.org/${record.doi}`} target="_blank" rel="noreferrer">
                DOI {record.doi}
              </a>
            )}
          </p>
        </CardHeader>
        <CardBody className="flex flex-col gap-5">
          {record.abstract ? (
            <details className="group text-sm">
              <summary className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">Abstract</summary>
              <p className="mt-2 max-w-prose leading-relaxed whitespace-pre-line text-zinc-700 dark:text-zinc-300">{record.abstract}</p>
            </details>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No abstract.</p>
          )}

          <section aria-labelledby={`${titleId}-decisions`}>
            <h4 id={`${titleId}-decisions`} className="text-sm font-semibold">
              Decisions
            </h4>
            <ul className="mt-2 grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              {conflict.decisions.map((d) => (
                <li key={d.reviewerId} className="flex flex-col gap-1.5 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{d.reviewerName}</span>
                    <DecisionBadge decision={d.decision} stage={stage} />
                  </div>
                  {d.reasonLabel && (
                    <p>
                      <span className="text-zinc-600 dark:text-zinc-400">Reason: </span>
                      {d.reasonLabel}
                    </p>
                  )}
                  <p className={d.note ? 'whitespace-pre-line' : 'text-zinc-600 dark:text-zinc-400'}>{d.note ? d.note : 'No note.'}</p>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    <time dateTime={new Date(d.decidedAt).toISOString()}>{formatDateTime(d.decidedAt)}</time>
                  </p>
                </li>
              ))}
            </ul>
          </section>

          {resolution && (
            <section aria-labelledby={`${titleId}-resolution`} className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-zinc-950/40">
              <h4 id={`${titleId}-resolution`} className="font-semibold">
                Resolution: {DECISION_LABEL[resolution.decision] ?? resolution.decision}
                {resolution.reasonLabel ? ` (${resolution.reasonLabel})` : ''}
              </h4>
              <p className="mt-1 text-zinc-700 dark:text-zinc-300">
                By {resolution.resolvedByName}, <time dateTime={new Date(resolution.resolvedAt).toISOString()}>{formatDateTime(resolution.resolvedAt)}</time>
              </p>
              <p className="mt-1 whitespace-pre-line">{resolution.note ? `Why: ${resolution.note}` : 'No reason was written down.'}</p>
            </section>
          )}

          <div className="grid gap-6 border-t border-zinc-200 pt-4 lg:grid-cols-2 dark:border-zinc-800">
            <section aria-labelledby={`${titleId}-discussion`} className="flex flex-col gap-3">
              <h4 id={`${titleId}-discussion`} className="text-sm font-semibold">
                Discussion <span className="font-normal text-zinc-600 dark:text-zinc-400">({plural(comments.length, 'comment')})</span>
              </h4>
              {comments.length > 0 && (
                <ol className="flex flex-col gap-2">
                  {comments.map((c) => (
                    <li key={c.id} className="rounded-md bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-950/40">
                      <p className="text-xs text-zinc-600 dark:text-zinc-400">
                        <span className="font-medium text-zinc-800 dark:text-zinc-200">{c.authorName}</span>, <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(c.createdAt)}</time>
                      </p>
                      <p className="mt-1 whitespace-pre-line">{c.body}</p>
                    </li>
                  ))}
                </ol>
              )}
              <CommentForm reviewId={reviewId} recordId={conflict.recordId} stage={stage} title={title} />
            </section>

            <section aria-labelledby={`${titleId}-resolve`} className="flex flex-col gap-3">
              {resolution ? (
                <details>
                  <summary id={`${titleId}-resolve`} className="cursor-pointer text-sm font-semibold">
                    Change the resolution
                  </summary>
                  <div className="mt-3">
                    <ResolutionForm reviewId={reviewId} recordId={conflict.recordId} stage={stage} title={title} reasons={reasons} current={resolution} />
                  </div>
                </details>
              ) : (
                <>
                  <h4 id={`${titleId}-resolve`} className="text-sm font-semibold">
                    Resolve
                  </h4>
                  <ResolutionForm reviewId={reviewId} recordId={conflict.recordId} stage={stage} title={title} reasons={reasons} />
                </>
              )}
            </section>
          </div>
        </CardBody>
      </Card>
    </article>
  );
}
