import type { SearchSummary } from '@/lib/db/searches';
import { Badge } from '../../../../../_components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';
import { formatBytes, formatCount, FORMAT_NAMES, SOURCE_TYPE_LABEL } from '../_lib/format';

const QUERY_PREVIEW = 80;

export interface ImportTotals {
  identified: number;
  identifiedFromDatabases: number;
  identifiedFromRegisters: number;
  identifiedFromOtherSources: number;
  duplicatesRemoved: number;
  problemsSkipped: number;
  afterDuplicatesRemoved: number;
}

/** The review's identification counts (PRISMA 2020, left column). */
export function Totals({ totals }: { totals: ImportTotals }) {
  const items: Array<[string, number, string?]> = [
    ['Records identified', totals.identified, `Databases ${formatCount(totals.identifiedFromDatabases)}, registers ${formatCount(totals.identifiedFromRegisters)}, other ${formatCount(totals.identifiedFromOtherSources)}`],
    ['Duplicates removed', totals.duplicatesRemoved],
    ['Records to screen', totals.afterDuplicatesRemoved],
  ];
  return (
    <dl aria-label="Review totals" className="grid gap-3 sm:grid-cols-3">
      {items.map(([label, value, hint]) => (
        <div key={label} className="rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
          <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{formatCount(value)}</dd>
          {hint && <dd className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Every search with its PRISMA-S details and its counts. */
export function SearchesTable({ searches }: { searches: SearchSummary[] }) {
  const sum = (pick: (s: SearchSummary) => number) => searches.reduce((n, s) => n + pick(s), 0);
  return (
    <Table label="Searches">
      <THead>
        <TR>
          <TH>Source</TH>
          <TH>Query</TH>
          <TH>Date run</TH>
          <TH>File</TH>
          <TH className="text-right">Identified</TH>
          <TH className="text-right">Problems skipped</TH>
          <TH className="text-right">Duplicates removed</TH>
        </TR>
      </THead>
      <TBody>
        {searches.map((s) => (
          <TR key={s.id}>
            <TD className="align-top">
              <span className="font-medium">{s.source}</span>
              <div className="mt-1">
                <Badge>{SOURCE_TYPE_LABEL[s.sourceType] ?? s.sourceType}</Badge>
              </div>
            </TD>
            <TD className="max-w-sm min-w-56 align-top">
              <QueryCell query={s.query} />
              {s.notes && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Notes: {s.notes}</p>}
            </TD>
            <TD className="align-top whitespace-nowrap">{s.dateRun ?? <span className="text-zinc-600 dark:text-zinc-400">Not given</span>}</TD>
            <TD className="min-w-48 align-top">
              <span className="[overflow-wrap:anywhere]">{s.fileName}</span>
              <div className="text-xs text-zinc-600 dark:text-zinc-400">
                {FORMAT_NAMES[s.format] ?? s.format}, {formatBytes(s.fileSize)}
              </div>
            </TD>
            <TD className="text-right align-top tabular-nums">{formatCount(s.identified)}</TD>
            <TD className="text-right align-top tabular-nums">{formatCount(s.problemsSkipped)}</TD>
            <TD className="text-right align-top tabular-nums">{formatCount(s.duplicatesRemoved)}</TD>
          </TR>
        ))}
      </TBody>
      <tfoot className="border-t border-zinc-200 bg-zinc-50 font-medium dark:border-zinc-800 dark:bg-zinc-950/40">
        <TR>
          <TH scope="row" colSpan={4}>
            All searches
          </TH>
          <TD className="text-right tabular-nums">{formatCount(sum((s) => s.identified))}</TD>
          <TD className="text-right tabular-nums">{formatCount(sum((s) => s.problemsSkipped))}</TD>
          <TD className="text-right tabular-nums">{formatCount(sum((s) => s.duplicatesRemoved))}</TD>
        </TR>
      </tfoot>
    </Table>
  );
}

function QueryCell({ query }: { query: string }) {
  if (!query) return <span className="text-zinc-600 dark:text-zinc-400">Not given</span>;
  if (query.length <= QUERY_PREVIEW) return <span className="font-mono text-xs break-words">{query}</span>;
  return (
    <details>
      <summary className="cursor-pointer font-mono text-xs break-words">
        {query.slice(0, QUERY_PREVIEW)}… <span className="font-sans text-accent-700 underline dark:text-accent-300">Show full query</span>
      </summary>
      <p className="mt-2 font-mono text-xs whitespace-pre-wrap break-words">{query}</p>
    </details>
  );
}
