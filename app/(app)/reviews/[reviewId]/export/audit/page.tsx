import type { Metadata } from 'next';
import Link from 'next/link';
import { isAppError } from '@/lib/errors';
import { browseAudit } from '@/lib/services/audit-trail';
import { getProtocol } from '@/lib/services/protocol';
import { listReviewMembers } from '@/lib/services/reviews';
import { Alert } from '../../../../../_components/ui/alert';
import { Button, buttonClasses } from '../../../../../_components/ui/button';
import { EmptyState } from '../../../../../_components/ui/empty-state';
import { Label } from '../../../../../_components/ui/label';
import { Select } from '../../../../../_components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';
import { StageHeader } from '../../_components/stage-header';
import { requireReviewPage } from '../../_lib/review-page';
import { Pager } from '../../conflicts/_components/pager';
import { formatDateTime, parsePage, queryValue } from '../../conflicts/_lib/format';
import { ACTION_FILTERS, actionLabel, describeChange } from './_lib/summarise';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit trail' };

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 50;

export default async function AuditPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const query = await searchParams;
  const wanted = queryValue(query, 'action');
  const action = ACTION_FILTERS.some((f) => f.prefix === wanted) ? wanted : undefined;
  const page = parsePage(query);
  const { user, review } = await requireReviewPage(reviewId, 'export/audit');
  const base = `/reviews/${review.id}/export/audit`;
  const href = (p: number) => `${base}?${new URLSearchParams({ ...(action ? { action } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`.replace(/\?$/, '');
  const csv = `/api/v1/reviews/${review.id}/audit?format=csv`;

  const header = (
    <StageHeader
      title="Audit trail"
      actions={
        <div className="flex gap-2">
          <Link href={`/reviews/${review.id}/export`} className={buttonClasses('ghost', 'sm')}>
            Back to Export
          </Link>
          {review.role === 'owner' && (
            <a href={csv} download className={buttonClasses('secondary', 'sm')}>
              Download CSV<span className="sr-only"> of the whole audit trail</span>
            </a>
          )}
        </div>
      }
    >
      Every change in this review, newest first: who, when, what, and the values before and after. Events are only ever added. While a stage is blinded, what other reviewers decided there is hidden here too.
    </StageHeader>
  );

  // The service pages oldest first; the newest events come first here, so page 1 is the last slice.
  let total: number;
  let items: Awaited<ReturnType<typeof browseAudit>>['items'];
  try {
    total = (await browseAudit(user.id, review.id, { action, limit: 1, offset: 0 })).total;
    const end = Math.max(0, total - (page - 1) * PAGE_SIZE);
    const start = Math.max(0, end - PAGE_SIZE);
    items = end > 0 ? (await browseAudit(user.id, review.id, { action, limit: end - start, offset: start })).items.reverse() : [];
  } catch (error) {
    if (!isAppError(error) || error.code !== 'forbidden') throw error;
    return (
      <section aria-labelledby="stage-title" className="flex flex-col gap-6">
        {header}
        <Alert title="The audit trail is open to owners">It records every member’s decisions and changes, so only the review’s owners browse and export it.</Alert>
      </section>
    );
  }
  const [protocol, members] = await Promise.all([getProtocol(user.id, review.id), listReviewMembers(user.id, review.id)]);
  const names = { reasons: new Map(protocol.exclusionReasons.map((r) => [r.id, r.label])), members: new Map(members.map((m) => [m.userId, m.name])) };

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      {header}
      <form method="get" action={base} aria-label="Filter the audit trail" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Show</Label>
          <Select id="audit-action" name="action" defaultValue={action ?? ''} className="w-72">
            <option value="">All events</option>
            {ACTION_FILTERS.map((f) => (
              <option key={f.prefix} value={f.prefix}>
                {f.label} ({f.prefix.replace(/\.$/, '')})
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>

      {total === 0 ? (
        <EmptyState title={action ? 'No events of this kind yet' : 'No events yet'}>Changes to this review appear here as they happen.</EmptyState>
      ) : (
        <div className="flex flex-col gap-3">
          <Pager label="Audit pages" page={page} pageSize={PAGE_SIZE} total={total} noun={['event', 'events']} href={href} />
          <Table label="Audit events">
            <THead>
              <TR>
                <TH>When</TH>
                <TH>Who</TH>
                <TH>Action</TH>
                <TH>Entity</TH>
                <TH>Before → after</TH>
              </TR>
            </THead>
            <TBody>
              {items.map((e) => {
                const change = describeChange(e.before, e.after, names);
                return (
                  <TR key={e.id}>
                    <TD className="align-top whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                      <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>
                    </TD>
                    <TD className="align-top whitespace-nowrap">{e.actorName ?? 'System'}</TD>
                    <TD className="align-top">
                      <span className="font-medium">{actionLabel(e.action)}</span>
                      <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">{e.action}</span>
                    </TD>
                    <TD className="align-top">
                      {e.entityType}
                      {e.entityId && <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">{e.entityId.length > 20 ? `${e.entityId.slice(0, 8)}…` : e.entityId}</span>}
                    </TD>
                    <TD className="align-top">
                      {change.redacted ? (
                        <span className="text-zinc-600 italic dark:text-zinc-400">hidden while blinded{change.stage ? ` (${change.stage})` : ''}</span>
                      ) : change.lines.length === 0 ? (
                        <span className="text-zinc-600 dark:text-zinc-400">—</span>
                      ) : (
                        <ul className="flex max-w-md flex-wrap gap-x-4 gap-y-0.5">
                          {change.lines.map((l, i) => (
                            <li key={i} className="break-words">
                              {l}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <Pager label="Audit pages, bottom" page={page} pageSize={PAGE_SIZE} total={total} noun={['event', 'events']} href={href} />
        </div>
      )}
    </section>
  );
}
