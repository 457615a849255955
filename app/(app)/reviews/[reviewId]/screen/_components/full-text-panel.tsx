'use client';
import { useState } from 'react';
import { AttachFullText } from '../../full-text/_components/attach-full-text';
import type { FullTextView, QueueItem, ScreeningSetup } from '../_lib/types';

const linkClass = 'font-medium text-accent-700 underline underline-offset-2 hover:text-accent-600 dark:text-accent-300 dark:hover:text-accent-400';

/** The report beside the form: the attached PDF in a frame, or its link, or a way to attach one. */
export function FullTextPanel({ item, setup, onAttached }: { item: QueueItem; setup: ScreeningSetup; onAttached: (view: FullTextView) => void }) {
  const ft = item.fullText;
  const title = item.record.title || 'this record';
  // Said here, not in the attach control: that control moves into "Replace…" once a PDF is attached.
  const [notice, setNotice] = useState('');
  const attached = (view: FullTextView) => {
    setNotice(view.file && view.file.sha256 !== ft?.file?.sha256 ? `PDF attached: ${view.file.name}.` : 'Link saved.');
    onAttached(view);
  };
  return (
    <section aria-labelledby="full-text-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="full-text-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Full text
        </h3>
        {ft?.file && (
          <a href={ft.file.href} target="_blank" rel="noopener" className={`${linkClass} text-sm`}>
            Open {ft.file.name} in a new tab
          </a>
        )}
      </div>
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
        {notice}
      </p>
      {ft?.file && (
        <iframe key={ft.file.sha256} src={ft.file.href} title={`Full text (PDF) of ${title}`} className="h-[78vh] min-h-[28rem] w-full rounded-md border border-zinc-300 bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800" />
      )}
      {ft?.url && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Linked full text:{' '}
          <a href={ft.url} target="_blank" rel="noopener noreferrer" className={`${linkClass} break-all`}>
            {ft.url}
          </a>
        </p>
      )}
      {!ft?.file && !ft?.url && (
        <p className="rounded-md border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
          No full text is attached to this record yet.{setup.canAttach ? ' Attach the PDF or a link to read it here.' : ''} If it cannot be obtained, choose “Full text not retrievable”.
        </p>
      )}
      {setup.canAttach &&
        (ft?.file ? (
          <details className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
            <summary className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">Replace the PDF or add a link</summary>
            <div className="mt-3">
              <AttachFullText reviewId={setup.reviewId} recordId={item.record.id} pdfLimitBytes={setup.pdfLimitBytes} hasFile onAttached={attached} />
            </div>
          </details>
        ) : (
          <AttachFullText reviewId={setup.reviewId} recordId={item.record.id} pdfLimitBytes={setup.pdfLimitBytes} hasFile={false} onAttached={attached} />
        ))}
    </section>
  );
}
