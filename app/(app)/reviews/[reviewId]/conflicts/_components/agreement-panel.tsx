import { isAppError } from '@/lib/errors';
import { stageAgreement } from '@/lib/services/agreement';
import { Alert } from '../../../../../_components/ui/alert';
import { buttonClasses } from '../../../../../_components/ui/button';
import { cx } from '../../../../../_components/ui/cx';
import { formatKappa, formatPercent, plural, STAGE_LABEL, type StageId } from '../_lib/format';

type Agreement = Awaited<ReturnType<typeof stageAgreement>>;
export type AgreementResult = { ok: true; data: Agreement } | { ok: false; message: string };

/** The stage's agreement, or why this member cannot see it (viewers; non-adjudicators while blinded). */
export async function loadAgreement(userId: string, reviewId: string, stage: StageId): Promise<AgreementResult> {
  try {
    return { ok: true, data: await stageAgreement(userId, reviewId, stage) };
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden') {
      return {
        ok: false,
        message: /blinded/.test(error.message)
          ? 'Agreement is shown only to adjudicators while this stage is blinded: even a small table could reveal how a colleague voted. It is shown to every reviewer once an owner unblinds the stage.'
          : 'Agreement figures are shown to the reviewers and owners of this review.',
      };
    }
    throw error;
  }
}

/** "not defined: reason" from the service becomes the reason alone, the figure says "not defined". */
const readingText = (reading: string) => reading.replace(/^not defined:\s*/, '');

/** Labels for a table's categories; at full text, exclusions are "exclude:<reasonId>". */
function categoryLabels(data: Agreement, size: number, reasonLabels: Map<string, string>): string[] {
  if (data.stage === 'title_abstract') return ['Include', 'Exclude'];
  const categories = (data as { categories?: string[] }).categories;
  if (categories && categories.length === size) {
    return categories.map((c) => {
      if (c === 'include') return 'Include';
      const id = c.replace(/^exclude:/, '');
      return id === 'none' ? 'Exclude (no reason)' : `Exclude: ${reasonLabels.get(id) ?? 'a removed reason'}`;
    });
  }
  // The service lists include first; the order of the exclusion reasons is not sent.
  return Array.from({ length: size }, (_, i) => (i === 0 ? 'Include' : `Exclude, reason ${i}`));
}

const CELL = 'border border-zinc-200 px-3 py-2 text-right tabular-nums dark:border-zinc-800';

function PairTable({ pair, labels }: { pair: Agreement['pairs'][number]; labels: string[] }) {
  const a = pair.reviewerA.name;
  const b = pair.reviewerB.name;
  const rowSums = pair.table.map((row) => row.reduce((x, y) => x + y, 0));
  const colSums = labels.map((_, j) => pair.table.reduce((x, row) => x + (row[j] ?? 0), 0));
  return (
    <div role="region" aria-label={`Decisions of ${a} and ${b}`} tabIndex={0} className="overflow-x-auto">
      <table className="border-collapse text-sm">
        <caption className="pb-2 text-left text-zinc-600 dark:text-zinc-400">
          Rows: {a}; columns: {b}.
        </caption>
        <thead>
          <tr>
            <td className="border border-transparent" />
            {labels.map((l) => (
              <th key={l} scope="col" className="border border-zinc-200 bg-zinc-50 px-3 py-2 text-right font-medium dark:border-zinc-800 dark:bg-zinc-950/40">
                {b}: {l}
              </th>
            ))}
            <th scope="col" className="border border-zinc-200 bg-zinc-50 px-3 py-2 text-right font-medium dark:border-zinc-800 dark:bg-zinc-950/40">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {pair.table.map((row, i) => (
            <tr key={labels[i]}>
              <th scope="row" className="border border-zinc-200 bg-zinc-50 px-3 py-2 text-left font-medium dark:border-zinc-800 dark:bg-zinc-950/40">
                {a}: {labels[i]}
              </th>
              {row.map((n, j) => (
                <td key={j} className={cx(CELL, i === j && 'bg-emerald-50 font-semibold dark:bg-emerald-950/40')}>
                  {n}
                </td>
              ))}
              <td className={CELL}>{rowSums[i]}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="border border-zinc-200 bg-zinc-50 px-3 py-2 text-left font-medium dark:border-zinc-800 dark:bg-zinc-950/40">
              Total
            </th>
            {colSums.map((n, j) => (
              <td key={j} className={CELL}>
                {n}
              </td>
            ))}
            <td className={cx(CELL, 'font-semibold')}>{pair.n}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Figure({ term, value, detail }: { term: string; value: string; detail?: string }) {
  return (
    <div>
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="mt-0.5">
        <span className="text-lg font-semibold tabular-nums">{value}</span>
        {detail && <span className="ml-2 text-sm text-zinc-700 dark:text-zinc-300">{detail}</span>}
      </dd>
    </div>
  );
}

const METHOD: Record<string, string> = { cohen: 'Cohen’s kappa', fleiss: 'Fleiss’ kappa', none: 'Kappa' };

/**
 * Agreement at one stage: kappa and percent agreement overall and for every reviewer pair, with
 * each pair's table, a plain-language reading, and the CSV download. Headings start at `level`.
 */
export function AgreementPanel({ reviewId, stage, result, reasonLabels, level = 3 }: { reviewId: string; stage: StageId; result: AgreementResult; reasonLabels: Map<string, string>; level?: 3 | 4 }) {
  const H = level === 3 ? 'h3' : 'h4';
  const H2 = level === 3 ? 'h4' : 'h5';
  const headingId = `agreement-${stage}`;
  const csv = `/api/v1/reviews/${reviewId}/agreement?stage=${stage}&format=csv`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-prose">
          <H id={headingId} className="text-base font-semibold">
            Agreement at {STAGE_LABEL[stage].toLowerCase()}
          </H>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">How often reviewers decided alike on their own, corrected for chance (kappa: 1 is perfect, 0 is what chance alone gives).</p>
        </div>
        {result.ok && (
          <a href={csv} download className={buttonClasses('secondary', 'sm')}>
            Download CSV<span className="sr-only"> of agreement at {STAGE_LABEL[stage].toLowerCase()}</span>
          </a>
        )}
      </div>
      {!result.ok ? (
        <Alert tone="info">{result.message}</Alert>
      ) : (
        <AgreementFigures data={result.data} reasonLabels={reasonLabels} pairHeading={H2} />
      )}
    </section>
  );
}

function AgreementFigures({ data, reasonLabels, pairHeading: H }: { data: Agreement; reasonLabels: Map<string, string>; pairHeading: 'h4' | 'h5' }) {
  const { overall } = data;
  if (overall.method === 'none') {
    return <p className="text-sm text-zinc-700 dark:text-zinc-300">Not measured yet: no record at this stage has been decided by two reviewers. {data.note}</p>;
  }
  return (
    <div className="flex flex-col gap-5">
      <div className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <dl className="grid gap-4 sm:grid-cols-3">
          <Figure term={overall.method === 'fleiss' ? 'Fleiss’ kappa (all reviewers)' : 'Cohen’s kappa'} value={formatKappa(overall.kappa)} detail={readingText(overall.reading)} />
          <Figure term="Percent agreement" value={formatPercent(overall.percentAgreement)} />
          <Figure term="Records compared" value={overall.itemsUsed.toLocaleString('en-GB')} detail={overall.method === 'fleiss' ? `with ${overall.ratersPerItem} decisions each` : 'decided by both reviewers'} />
        </dl>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          {overall.itemsSkipped > 0 && `${plural(overall.itemsSkipped, 'record')} with another number of decisions ${overall.itemsSkipped === 1 ? 'is' : 'are'} not in the overall figure. `}
          {data.note}
        </p>
      </div>
      {data.pairs.map((p) => {
        const labels = categoryLabels(data, p.table.length, reasonLabels);
        return (
          <div key={`${p.reviewerA.id}-${p.reviewerB.id}`} className="flex flex-col gap-2">
            <H className="text-sm font-semibold">
              {p.reviewerA.name} and {p.reviewerB.name}
            </H>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {p.n === 0 ? (
                'No records decided by both.'
              ) : (
                <>
                  {METHOD.cohen} <span className="font-semibold tabular-nums">{formatKappa(p.kappa)}</span> ({readingText(p.reading)}), percent agreement{' '}
                  <span className="font-semibold tabular-nums">{formatPercent(p.percentAgreement)}</span>, over {plural(p.n, 'record')}. The shaded diagonal is where they agreed.
                </>
              )}
            </p>
            {p.n > 0 && <PairTable pair={p} labels={labels} />}
          </div>
        );
      })}
    </div>
  );
}
