import type { Metadata } from 'next';
import Link from 'next/link';
import { listFullTextsSought, maxPdfBytes } from '@/lib/services/full-text';
import { buttonClasses } from '../../../../_components/ui/button';
import { EmptyState } from '../../../../_components/ui/empty-state';
import { Pager } from '../../../../_components/ui/pager';
import { Table, TBody, TD, TH, THead, TR } from '../../../../_components/ui/table';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage } from '../_lib/review-page';
import { AttachFullText } from './_components/attach-full-text';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Full text' };

const PAGE_SIZE = 25;
const linkClass = 'font-medium text-accent-700 underline underline-offset-2 hover:text-accent-600 dark:text-accent-300 dark:hover:text-accent-400';
const fileSize = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`);

type Props = { params: Promise<{ reviewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FullTextPage({ params, searchParams }: Props) {
  const { reviewId } = await params;
  const pageParam = (await searchParams).page;
  const page = Math.max(1, Math.floor(Number(Array.isArray(pageParam) ? pageParam[0] : pageParam)) || 1);
  const { user, review } = await requireReviewPage(reviewId, 'full-text');
  const data = await listFullTextsSought(user.id, review.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const screenHref = `/reviews/${review.id}/screen?stage=full_text`;
  const nothing = data.total - data.withFile - data.withLinkOnly;

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader
        title="Full text"
        actions={data.canAttach && data.total > 0 ? <Link href={screenHref} className={buttonClasses('primary')}>Screen full texts</Link> : undefined}
      >
        The reports sought for retrieval: every record that passed title/abstract screening. Attach each PDF or a link, then screen them; a report that cannot be obtained is recorded as “not retrievable”.
      </StageHeader>

      {data.total === 0 ? (
        <EmptyState title="No reports sought yet">
          Records come here once they pass title/abstract screening (all required reviewers include them, or a conflict is settled as include).{' '}
          <Link href={`/reviews/${review.id}/screen`} className="underline underline-offset-2">Go to title/abstract screening</Link>.
        </EmptyState>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              ['Reports sought', data.total],
              ['With a PDF', data.withFile],
              ['With a link only', data.withLinkOnly],
              ['Nothing attached yet', nothing],
            ].map(([term, value]) => (
              <div key={term} className="flex flex-col-reverse rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
                <dt className="text-sm text-zinc-600 dark:text-zinc-400">{term}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{Number(value).toLocaleString('en')}</dd>
              </div>
            ))}
          </dl>

          <Table label="Reports sought">
            <THead>
              <TR>
                <TH>Record</TH>
                <TH>Full text</TH>
                <TH>Full-text decisions</TH>
                <TH>Your decision</TH>
              </TR>
            </THead>
            <TBody>
              {data.items.map((item) => {
                const file = item.attachment.file;
                const title = item.title || 'Untitled record';
                return (
                  <TR key={item.recordId}>
                    <TD className="max-w-sm align-top">
                      <span className="font-medium">{title}</span>
                      <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{[item.journal, item.year, item.pmid && `PMID ${item.pmid}`].filter(Boolean).join(' · ')}</span>
                    </TD>
                    <TD className="min-w-64 align-top text-sm">
                      <div className="flex flex-col gap-1">
                        {file && (
                          <a href={file.href} target="_blank" rel="noopener" className={linkClass}>
                            {file.name} <span className="font-normal">({fileSize(file.size)})</span>
                            <span className="sr-only"> — full text of “{title}”, opens in a new tab</span>
                          </a>
                        )}
                        {item.attachment.url && (
                          <a href={item.attachment.url} target="_blank" rel="noopener noreferrer" className={`${linkClass} break-all`}>
                            Link<span className="sr-only"> to the full text of “{title}”</span>
                          </a>
                        )}
                        {!file && !item.attachment.url && <span className="text-zinc-600 dark:text-zinc-400">Not attached yet</span>}
                        {data.canAttach && (
                          <details className="mt-1">
                            <summary className="cursor-pointer text-zinc-700 underline-offset-2 hover:underline dark:text-zinc-300">
                              {file || item.attachment.url ? 'Replace or add' : 'Attach'}
                              <span className="sr-only"> full text for “{title}”</span>
                            </summary>
                            <div className="mt-2">
                              <AttachFullText reviewId={review.id} recordId={item.recordId} recordTitle={title} pdfLimitBytes={maxPdfBytes()} hasFile={Boolean(file)} />
                            </div>
                          </details>
                        )}
                      </div>
                    </TD>
                    <TD className="align-top text-sm whitespace-nowrap">
                      {Math.min(item.fullText.decisionsCount, data.requiredDecisions)} of {data.requiredDecisions}
                    </TD>
                    <TD className="align-top text-sm">
                      {item.myDecision ? (
                        <span>
                          {item.myDecision.value === 'include' ? 'Include' : 'Exclude'}
                          {item.myDecision.reasonLabel && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{item.myDecision.reasonLabel}</span>}
                        </span>
                      ) : (
                        <span className="text-zinc-600 dark:text-zinc-400">Not yet</span>
                      )}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} href={(p) => `?page=${p}`} />
        </>
      )}
    </section>
  );
}
