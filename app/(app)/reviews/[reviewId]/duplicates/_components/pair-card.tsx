import type { DuplicatePairView, PairRecord } from '@/lib/db/duplicates';
import { Badge } from '../../../../../_components/ui/badge';
import { PairActions } from './pair-actions';

const TIER_LABEL: Record<string, string> = { exact: 'Exact duplicate', likely: 'Likely duplicate' };
const STATUS_LABEL: Record<string, string> = { pending: 'Pending', merged: 'Merged', not_duplicate: 'Not duplicates' };

const percent = (n: number) => `${Math.round(n * 100)}%`;

function authorName(a: unknown): string {
  if (typeof a === 'string') return a;
  const o = (a ?? {}) as { name?: string; collective?: string; family?: string; given?: string; initials?: string; lastName?: string; foreName?: string };
  if (o.name) return o.name;
  if (o.collective) return o.collective;
  const family = o.family ?? o.lastName;
  const given = o.initials ?? o.given ?? o.foreName;
  return [family, given].filter(Boolean).join(' ') || '';
}

/** One pair side by side, with what matched; owners decide it. */
export function PairCard({ pair, number, reviewId, canDecide }: { pair: DuplicatePairView; number: number; reviewId: string; canDecide: boolean }) {
  const headingId = `pair-${pair.id}`;
  const scores = Object.entries(pair.scores ?? {}).filter(([, v]) => typeof v === 'number');
  return (
    <article aria-labelledby={headingId} className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold">
          Pair {number}: {TIER_LABEL[pair.tier] ?? pair.tier}
        </h3>
        <div className="flex gap-2">
          <Badge tone={pair.tier === 'exact' ? 'accent' : 'neutral'}>{TIER_LABEL[pair.tier] ?? pair.tier}</Badge>
          <Badge tone={pair.status === 'merged' ? 'success' : 'neutral'}>{STATUS_LABEL[pair.status] ?? pair.status}</Badge>
        </div>
      </div>

      <div className="text-sm">
        <p>
          <span className="font-medium">What matched: </span>
          {pair.reasons.length ? pair.reasons.join(', ') : 'not recorded'}
        </p>
        {scores.length > 0 && (
          <p className="mt-1">
            <span className="font-medium">Similarity: </span>
            {scores.map(([k, v]) => `${k} ${percent(v)}`).join(', ')}
          </p>
        )}
        {pair.decidedBy && pair.decidedAt && (
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">
            Decided by {pair.decidedBy.name} on {new Date(pair.decidedAt).toISOString().slice(0, 10)}.
          </p>
        )}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Side side="Left" record={pair.recordA} other={pair.recordB} />
        <Side side="Right" record={pair.recordB} other={pair.recordA} />
      </div>

      {canDecide && <PairActions reviewId={reviewId} pairId={pair.id} leftId={pair.recordA.id} rightId={pair.recordB.id} status={pair.status} describedBy={headingId} />}
    </article>
  );
}

function Side({ side, record, other }: { side: string; record: PairRecord; other: PairRecord }) {
  const removed = record.removedReason === 'duplicate';
  const vip = [record.volume && `vol. ${record.volume}`, record.issue && `issue ${record.issue}`, record.pages && `pp. ${record.pages}`].filter(Boolean).join(', ');
  const authors = record.authors.map(authorName).filter(Boolean);
  const rows: Array<[string, React.ReactNode, boolean]> = [
    ['Authors', authors.length ? `${authors.slice(0, 6).join('; ')}${authors.length > 6 ? ` and ${authors.length - 6} more` : ''}` : '—', false],
    ['Year', record.year ?? '—', record.year !== other.year],
    ['Journal', record.journal ?? record.journalAbbrev ?? '—', false],
    ['Volume / pages', vip || '—', false],
    ['DOI', record.doi ?? '—', record.doi !== other.doi],
    ['PMID', record.pmid ?? '—', record.pmid !== other.pmid],
    ['Source search', `${record.source}, record ${record.position + 1}`, false],
  ];
  return (
    <section aria-label={`${side} record`} className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="font-semibold">{side} record</h4>
        {removed ? <Badge>Removed as duplicate</Badge> : <Badge tone="success">Screened</Badge>}
      </div>
      <p className="font-medium">{record.title || <em>No title</em>}</p>
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1">
        {rows.map(([label, value, differs]) => (
          <div key={label} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className={differs ? 'break-words font-medium text-amber-800 dark:text-amber-300' : 'break-words'}>
              {value}
              {differs && <span className="sr-only"> (differs)</span>}
            </dd>
          </div>
        ))}
      </dl>
      {record.abstract ? (
        <details>
          <summary className="cursor-pointer font-medium">Abstract</summary>
          <p className="mt-1 whitespace-pre-line leading-relaxed">{record.abstract}</p>
        </details>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">No abstract.</p>
      )}
    </section>
  );
}
