import type { Metadata } from 'next';
import Link from 'next/link';
import { ZodError } from 'zod';
import { isAppError } from '@/lib/errors';
import { getProtocol } from '@/lib/services/protocol';
import { listStageDecisions } from '@/lib/services/screening';
import { Alert } from '../../../../../_components/ui/alert';
import { Button, buttonClasses } from '../../../../../_components/ui/button';
import { EmptyState } from '../../../../../_components/ui/empty-state';
import { Input } from '../../../../../_components/ui/input';
import { Select } from '../../../../../_components/ui/select';
import { Pager } from '../../../../../_components/ui/pager';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';
import { StageHeader } from '../../_components/stage-header';
import { requireReviewPage } from '../../_lib/review-page';
import { ScreeningTabs } from '../_components/screening-tabs';
import { parseStage, STAGE_LABEL, type DecisionValue } from '../_lib/types';
import { DecisionEditor } from './_components/decision-editor';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My decisions' };

const PAGE_SIZE = 25;
const VALUES: DecisionValue[] = ['include', 'exclude', 'maybe'];
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function MyDecisionsPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const sp = await searchParams;
  const stage = parseStage(sp.stage);
  const decision = VALUES.find((v) => v === one(sp.decision) && !(stage === 'full_text' && v === 'maybe'));
  const q = one(sp.q).trim().slice(0, 200);
  const page = Math.max(1, Math.floor(Number(one(sp.page))) || 1);
  const { user, review } = await requireReviewPage(reviewId, `screen/decisions?stage=${stage}`);
  const base = `/reviews/${review.id}/screen/decisions`;
  const header = (
    <>
      <StageHeader title="My decisions">Your own decisions at {STAGE_LABEL[stage].toLowerCase()}, newest first. Change one here; the earlier version is kept in its history.</StageHeader>
      <ScreeningTabs reviewId={review.id} active="decisions" stage={stage} />
    </>
  );

  let data: Awaited<ReturnType<typeof listStageDecisions>>;
  let reasons: Array<{ id: string; label: string }> = [];
  try {
    data = await listStageDecisions(user.id, review.id, { reviewer: 'me', stage, decision, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    if (stage === 'full_text') {
      const protocol = await getProtocol(user.id, review.id);
      const current = protocol.exclusionReasons.filter((r) => !r.isRetired).sort((a, b) => (a.kind === b.kind ? a.priority - b.priority : a.kind === 'standard' ? -1 : 1));
      reasons = current.map((r) => ({ id: r.id, label: r.label }));
    }
  } catch (error) {
    // A hand-edited address (say, a NUL in the search text) gets the schema's message, not an error page.
    if (!isAppError(error) && !(error instanceof ZodError)) throw error;
    const message = error instanceof ZodError ? error.issues.map((i) => i.message).join(' ') : error.message;
    return (
      <section aria-labelledby="stage-title" className="flex flex-col gap-6">
        {header}
        <Alert tone={isAppError(error) && error.code === 'forbidden' ? 'info' : 'error'}>{message}</Alert>
      </section>
    );
  }

  const href = (p: number) => `${base}?${new URLSearchParams({ stage, ...(decision ? { decision } : {}), ...(q ? { q } : {}), page: String(p) })}`;
  const first = data.total === 0 ? 0 : data.offset + 1;
  const last = Math.min(data.offset + data.items.length, data.total);
  const isFiltered = Boolean(decision || q);

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-5">
      {header}
      <form method="get" action={base} role="search" aria-label="Filter my decisions" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="stage" value={stage} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="filter-decision" className="text-sm font-medium">
            Decision
          </label>
          <Select id="filter-decision" name="decision" defaultValue={decision ?? ''} className="w-40">
            <option value="">All decisions</option>
            {VALUES.filter((v) => !(stage === 'full_text' && v === 'maybe')).map((v) => (
              <option key={v} value={v}>
                {v.charAt(0).toUpperCase() + v.slice(1)}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex min-w-56 flex-1 flex-col gap-1.5">
          <label htmlFor="filter-q" className="text-sm font-medium">
            Title contains
          </label>
          <Input id="filter-q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {isFiltered && (
          <Link href={`${base}?stage=${stage}`} className={buttonClasses('ghost')}>
            Clear filters
          </Link>
        )}
      </form>

      {data.items.length === 0 ? (
        <EmptyState title={isFiltered ? 'No decision matches these filters' : 'No decisions yet'}>
          {isFiltered ? 'Try another decision or fewer words.' : <Link href={`/reviews/${review.id}/screen?stage=${stage}`} className="underline underline-offset-2">Start screening</Link>}
        </EmptyState>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {first}–{last} of {data.total.toLocaleString('en')} {data.total === 1 ? 'decision' : 'decisions'}
          </p>
          <Table label="My decisions">
            <THead>
              <TR>
                <TH>Record</TH>
                <TH>Decision{stage === 'full_text' ? ' and reason' : ''}</TH>
                <TH>Note</TH>
                <TH>Decided</TH>
                <TH>History</TH>
              </TR>
            </THead>
            <TBody>
              {data.items.map((d) => (
                <TR key={d.id}>
                  <TD className="min-w-72 align-top">
                    <span className="font-medium">{d.record.title || 'Untitled record'}</span>
                    <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{[d.record.journal, d.record.year, d.record.pmid && `PMID ${d.record.pmid}`].filter(Boolean).join(' · ')}</span>
                  </TD>
                  <TD className="align-top">
                    <DecisionEditor reviewId={review.id} recordId={d.recordId} stage={stage} title={d.record.title || 'Untitled record'} value={d.value} reasonId={d.reasonId} note={d.note} reasons={reasons} />
                  </TD>
                  <TD className="max-w-56 align-top text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">{d.note || <span className="text-zinc-500 dark:text-zinc-400">—</span>}</TD>
                  <TD className="align-top text-sm whitespace-nowrap">
                    <time dateTime={d.updatedAt.toISOString()}>
                      {DAY.format(d.updatedAt)}
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">{TIME.format(d.updatedAt)} UTC</span>
                    </time>
                  </TD>
                  <TD className="align-top text-sm whitespace-nowrap">{d.revisions === 0 ? 'Not changed' : `Changed ${d.revisions} ${d.revisions === 1 ? 'time' : 'times'}`}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} href={href} />
        </>
      )}
    </section>
  );
}
