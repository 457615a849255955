'use client';
import { useState, type ReactNode, type Ref } from 'react';
import type { HighlightSegment } from '@/lib/domain/highlight';
import { abstractSections, sentenceCase } from '../_lib/abstract-sections';
import type { ScreeningRecord } from '../_lib/types';
import { HighlightedText } from './highlighted-text';

const AUTHORS_SHOWN = 10;

/** "Brain Res. 2021;12(3):45-67": the citation line as journals print it. */
function citation(r: ScreeningRecord): string {
  const where = [r.volume, r.issue ? `(${r.issue})` : ''].join('');
  const tail = [where, r.pages].filter(Boolean).join(':');
  const when = r.year ?? r.publicationDate;
  return [r.journal ?? r.journalAbbrev, [when, tail].filter(Boolean).join(';')].filter(Boolean).join('. ');
}

/**
 * The title takes focus when the record changes (so screen readers read it and shortcuts keep
 * working); it is not a control, so it shows no focus ring. Inline: the global :focus-visible
 * rule is unlayered and would beat a utility class.
 */
export const NO_RING = { outline: 'none' } as const;

const linkClass = 'font-medium text-accent-700 underline underline-offset-2 hover:text-accent-600 dark:text-accent-300 dark:hover:text-accent-400';

/** One record as a screener reads it: title first, then who, where, and the abstract. */
export function RecordView({ record, highlight, headingRef, beforeAbstract }: {
  record: ScreeningRecord;
  highlight: (text: string) => HighlightSegment[];
  headingRef: Ref<HTMLHeadingElement>;
  /** At full text: the report, between the citation and the abstract. */
  beforeAbstract?: ReactNode;
}) {
  const [showAll, setShowAll] = useState(false);
  const authors = record.authors.map((a) => a.name).filter(Boolean);
  const shown = showAll ? authors : authors.slice(0, AUTHORS_SHOWN);
  const sections = abstractSections(record.abstract);
  const cite = citation(record);

  return (
    <article aria-labelledby="record-title" className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h3 id="record-title" ref={headingRef} tabIndex={-1} style={NO_RING} className="text-xl leading-snug font-semibold text-balance text-zinc-950 dark:text-zinc-50">
          {record.title ? <HighlightedText segments={highlight(record.title)} /> : <span className="text-zinc-600 italic dark:text-zinc-400">No title</span>}
        </h3>
        {record.titleVernacular && <p className="text-base text-zinc-700 italic dark:text-zinc-300">{record.titleVernacular}</p>}
        {authors.length > 0 && (
          <p className="text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
            {shown.join('; ')}
            {authors.length > AUTHORS_SHOWN && (
              <>
                {!showAll && ', '}
                <button type="button" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll} className="ml-1 rounded text-sm font-medium text-accent-700 underline underline-offset-2 dark:text-accent-300">
                  {showAll ? 'show fewer authors' : `et al. (show all ${authors.length})`}
                </button>
              </>
            )}
          </p>
        )}
        <p className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          {cite && <span>{cite}</span>}
          {record.pmid && (
            <a href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(record.pmid)}/`} target="_blank" rel="noopener noreferrer" className={linkClass}>
              PMID {record.pmid}
              <span className="sr-only"> (opens PubMed in a new tab)</span>
            </a>
          )}
          {record.doi && (
            <a href={`https://doi.org/${record.doi}`} target="_blank" rel="noopener noreferrer" className={`${linkClass} break-all`}>
              DOI {record.doi}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          )}
          {record.publicationTypes.length > 0 && <span>{record.publicationTypes.join(', ')}</span>}
          {record.language && record.language !== 'eng' && <span>Language: {record.language}</span>}
        </p>
      </header>

      {beforeAbstract}

      <section aria-label="Abstract" className="max-w-[68ch] text-[0.9375rem] leading-7 text-zinc-800 dark:text-zinc-200">
        {sections.length === 0 ? (
          <p className="text-zinc-600 italic dark:text-zinc-400">No abstract.</p>
        ) : (
          <div className="flex flex-col gap-3">
            {sections.map((s, i) => (
              <p key={i}>
                {s.label && <span className="mb-0.5 block text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{sentenceCase(s.label)}</span>}
                <HighlightedText segments={highlight(s.text)} />
              </p>
            ))}
          </div>
        )}
      </section>

      {(record.keywords.length > 0 || record.meshTerms.length > 0) && (
        <dl className="flex max-w-[68ch] flex-col gap-2 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
          {record.keywords.length > 0 && <Terms label="Keywords" terms={record.keywords} />}
          {record.meshTerms.length > 0 && <Terms label="MeSH terms" terms={record.meshTerms} />}
        </dl>
      )}
    </article>
  );
}

function Terms({ label, terms }: { label: string; terms: string[] }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 leading-relaxed text-zinc-700 dark:text-zinc-300">{terms.join(' · ')}</dd>
    </div>
  );
}
