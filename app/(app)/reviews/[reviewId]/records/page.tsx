import type { Metadata } from 'next';
import Link from 'next/link';
import { ZodError } from 'zod';
import type { Stage } from '@/lib/domain/protocol/types';
import { isAppError } from '@/lib/errors';
import { listReviewRecords, listReviewSearches, stagesWithOutcomesFor } from '@/lib/services/import';
import { Alert } from '../../../../_components/ui/alert';
import { Badge, type BadgeTone } from '../../../../_components/ui/badge';
import { Button, buttonClasses } from '../../../../_components/ui/button';
import { EmptyState } from '../../../../_components/ui/empty-state';
import { Input } from '../../../../_components/ui/input';
import { Select } from '../../../../_components/ui/select';
import { Pager } from '../../../../_components/ui/pager';
import { Table, TBody, TD, TH, THead, TR } from '../../../../_components/ui/table';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage } from '../_lib/review-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Records' };

const PAGE_SIZE = 50;
const STAGE_LABEL: Record<Stage, string> = { title_abstract: 'Title/abstract', full_text: 'Full text' };
const OUTCOMES = ['included', 'excluded', 'conflict', 'pending'] as const;
const OUTCOME: Record<(typeof OUTCOMES)[number], { label: string; tone: BadgeTone }> = {
  included: { label: 'Included', tone: 'success' },
  excluded: { label: 'Excluded', tone: 'neutral' },
  conflict: { label: 'Conflict', tone: 'accent' },
  pending: { label: 'Pending', tone: 'neutral' },
};
const linkClass = 'text-accent-700 underline underline-offset-2 hover:text-accent-600 dark:text-accent-300 dark:hover:text-accent-400';

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
type Standing = { outcome: (typeof OUTCOMES)[number]; decisions: number; reason?: { label: string } | null } | null | undefined;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

function StandingCell({ standing }: { standing: Standing }) {
  if (!standing) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  const o = OUTCOME[standing.outcome];
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone={o.tone}>{o.label}</Badge>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        {standing.reason ? standing.reason.label : `${standing.decisions} ${standing.decisions === 1 ? 'decision' : 'decisions'}`}
      </span>
    </span>
  );
}

/** Every record of the review, searchable, with where it stands at each stage the caller may see. */
export default async function RecordsPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const sp = await searchParams;
  const { user, review } = await requireReviewPage(reviewId, 'records');
  const filters = { q: one(sp.q).trim(), searchId: one(sp.search), outcome: one(sp.outcome) };
  const page = Math.max(1, Math.floor(Number(one(sp.page))) || 1);
  const [stage, outcome] = filters.outcome.split(':') as [Stage | undefined, string | undefined];
  const [visible, { searches }] = await Promise.all([stagesWithOutcomesFor(user.id, review.id), listReviewSearches(user.id, review.id)]);
  const query = { q: filters.q, searchId: filters.searchId, ...(stage && outcome ? { stage, outcome } : {}) };

  let data: Awaited<ReturnType<typeof listReviewRecords>> | null = null;
  let problem: string | null = null;
  try {
    data = await listReviewRecords(user.id, review.id, { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  } catch (error) {
    // Only a hand-edited address gets here (the form offers valid choices): say what is wrong.
    if (error instanceof ZodError) problem = error.issues.map((i) => i.message).join(' ');
    else if (isAppError(error) && ['invalid', 'forbidden'].includes(error.code)) problem = error.message;
    else throw error;
  }
  const qs = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: filters.q, search: filters.searchId, outcome: filters.outcome, ...extra })) if (v !== '' && v !== undefined) p.set(k, String(v));
    return `?${p.toString()}`;
  };
  const exportHref = (format: 'ris' | 'csv') => {
    const p = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    p.set('format', format);
    return `/api/v1/reviews/${review.id}/records?${p.toString()}`;
  };
  const filtered = Boolean(filters.q || filters.searchId || filters.outcome);

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Records">
        Every record your searches found, duplicates included, with where it stands at each stage.
        {visible.length < 2 && ' Outcomes at a blinded stage are shown to adjudicators only, until the owner unblinds it.'}
      </StageHeader>

      <form method="get" role="search" aria-label="Filter records" className="grid grid-cols-1 items-end gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-[minmax(0,1.5fr)_minmax(0,1fr)_minmax(0,1.5fr)_auto] dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="records-q" className="text-sm font-medium">
            Text in title or abstract
          </label>
          <Input id="records-q" name="q" type="search" defaultValue={filters.q} maxLength={500} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="records-search" className="text-sm font-medium">
            Search
          </label>
          <Select id="records-search" name="search" defaultValue={filters.searchId}>
            <option value="">All searches</option>
            {searches.map((s) => (
              <option key={s.id} value={s.id}>
                {s.source}
                {s.dateRun ? ` (${s.dateRun})` : ''} — {s.identified.toLocaleString('en')}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="records-outcome" className="text-sm font-medium">
            Screening outcome
          </label>
          <Select id="records-outcome" name="outcome" defaultValue={filters.outcome}>
            <option value="">Any</option>
            {visible.map((s) => (
              <optgroup key={s} label={STAGE_LABEL[s]}>
                {OUTCOMES.map((o) => (
                  <option key={o} value={`${s}:${o}`}>
                    {STAGE_LABEL[s]}: {OUTCOME[o].label.toLowerCase()}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button type="submit">Show</Button>
          {filtered && (
            <Link href="?" className={buttonClasses('secondary')}>
              Clear
            </Link>
          )}
        </div>
      </form>

      {problem && <Alert tone="error">{problem}</Alert>}

      {data && data.total === 0 && (
        <EmptyState title={filtered ? 'No record matches' : 'No records yet'}>
          {filtered ? 'Change or clear the filters above.' : <>Records appear here once a search is imported. <Link href={`/reviews/${review.id}/import`} className="underline underline-offset-2">Import a search</Link>.</>}
        </EmptyState>
      )}

      {data && data.total > 0 && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
              {data.total.toLocaleString('en')} {data.total === 1 ? 'record' : 'records'}
              {filtered ? ' match' : ''}; {Math.min(data.total, (page - 1) * PAGE_SIZE + 1).toLocaleString('en')}–{Math.min(data.total, page * PAGE_SIZE).toLocaleString('en')} shown.
            </p>
            <div className="flex gap-2">
              {(['ris', 'csv'] as const).map((f) => (
                <a key={f} href={exportHref(f)} download className={buttonClasses('secondary', 'sm')}>
                  Download {f.toUpperCase()}
                  <span className="sr-only"> of these records</span>
                </a>
              ))}
            </div>
          </div>
          <Table label="Record list">
            <THead>
              <TR>
                <TH>Record</TH>
                <TH>Search</TH>
                {visible.map((s) => (
                  <TH key={s}>{STAGE_LABEL[s]}</TH>
                ))}
              </TR>
            </THead>
            <TBody>
              {data.items.map((r) => {
                const source = searches.find((s) => s.id === r.searchId)?.source ?? '';
                const authors = r.authors.slice(0, 3).map((a) => a.name).join('; ') + (r.authors.length > 3 ? ' et al.' : '');
                return (
                  <TR key={r.id}>
                    <TD className="max-w-xl align-top">
                      <span className="font-medium">{r.title || 'Untitled record'}</span>
                      {r.removedReason === 'duplicate' && (
                        <Badge className="ml-2" tone="neutral">
                          Duplicate, not screened
                        </Badge>
                      )}
                      <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{[authors, r.journal, r.year].filter(Boolean).join(' · ')}</span>
                      <span className="mt-0.5 flex gap-3 text-xs">
                        {r.pmid && (
                          <a href={`https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`} target="_blank" rel="noopener noreferrer" className={linkClass}>
                            PMID {r.pmid}
                          </a>
                        )}
                        {r.doi && (
                          <a href={`https://doi.org/${r.doi}`} target="_blank" rel="noopener noreferrer" className={`${linkClass} break-all`}>
                            DOI {r.doi}
                          </a>
                        )}
                      </span>
                    </TD>
                    <TD className="align-top text-sm">{source}</TD>
                    {visible.map((s) => (
                      <TD key={s} className="align-top text-sm">
                        <StandingCell standing={(r.screening as Record<Stage, Standing>)[s]} />
                      </TD>
                    ))}
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} href={(p) => qs({ page: p })} />
        </>
      )}
    </section>
  );
}
