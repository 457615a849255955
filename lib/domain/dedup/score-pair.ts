/**
 * Decides one candidate pair: exact (merged automatically), likely (human review queue) or none.
 * Method: ASySD (Hair et al. 2023) - per-field similarity, then OR-ed acceptance rules; hard
 * conflicts (years > 1 apart, different DOIs or PMIDs) send a pair to people only when title and
 * authors are practically identical.
 *
 * Thresholds and why (tuned on shared/data: see evaluate.test.ts for the figures):
 * - exact: same PMID; or same DOI and title >= 0.90. Errata, corrections and supplements share or
 *   nearly share the article's DOI, so the DOI alone never merges; a notice (erratum, correction,
 *   retraction) never auto-merges with an article; different PMIDs never merge automatically.
 * - likely, OR-ed, when years are within 1 (online vs print year) or unknown and no DOI/PMID
 *   conflict:
 *   doi       same DOI, title >= 0.70        the title was edited (preprint, online first);
 *                                            or a title missing on one side
 *   authors   title >= 0.90, authors >= 0.75 ASySD's "doi>0.95 & author>0.75 & title>0.9" minus
 *                                            the DOI; 0.75 absorbs initials vs full names and
 *                                            compound surnames (measured as low as 0.78)
 *   venue     title >= 0.95, journal >= 0.70, same first page     no author list to compare
 *   abstract  title >= 0.95, abstract >= 0.80   title/abstract-only exports; 0.95 because JW
 *                                            gives 0.91 to "A systematic review of software
 *                                            process tailoring" vs "...requirements prioritization"
 *   prefix    one title is the other plus a subtitle, and authors >= 0.90, or abstract >= 0.80,
 *                                            or same journal and page (JW falls to ~0.88 when a
 *                                            long subtitle is added)
 *   title     title >= 0.99 with >= 6 words, no authors on one side, first pages not different:
 *                                            labelled sets hold duplicates whose abstracts differ
 *   Titles carrying different numbers ("Part 1 of 4" vs "Part 2 of 4") skip every likely rule
 *   but the DOI one, conflicts included: JW scores them 0.99.
 * - conflict (years > 1 apart, different DOIs or PMIDs): only title >= 0.99 and authors >= 0.99
 *   reach the queue, the reason naming the conflict (preprint vs article, online-first year).
 * Pairs with a title below 0.70 and no shared DOI, PMID or title prefix are dropped before other
 * fields are computed: no rule accepts them, which keeps 100k-record runs fast.
 */
import {
  abstractSimilarity,
  authorSimilarity,
  isTitlePrefix,
  journalSimilarity,
  pagesSimilarity,
  titleNumbersConflict,
  titleSimilarity,
  yearGap,
} from './field-similarity';
import type { PreparedRecord } from './prepare-record';

export type DuplicateTier = 'exact' | 'likely';

export interface PairScores {
  title?: number;
  authors?: number;
  /** 1 same year, 0.5 one year apart (online vs print), 0 further apart. */
  year?: number;
  journal?: number;
  /** 1 same first page, 0 different. */
  pages?: number;
  abstract?: number;
  /** 1 same normalised DOI, 0 different. */
  doi?: number;
}

export interface PairVerdict {
  tier: DuplicateTier;
  reason: string[];
  scores: PairScores;
}

export const THRESHOLDS = {
  exactDoiTitle: 0.9,
  minTitle: 0.7,
  doiTitle: 0.7,
  authorsTitle: 0.9,
  authors: 0.75,
  venueTitle: 0.95,
  venueJournal: 0.7,
  abstractTitle: 0.95,
  abstract: 0.8,
  subtitleAuthors: 0.9,
  titleOnly: 0.99,
  titleOnlyWords: 6,
  conflictTitle: 0.99,
  conflictAuthors: 0.99,
} as const;

const T = THRESHOLDS;
const fmt = (name: string, v: number) => `${name} ${v.toFixed(2)}`;

export function scorePair(a: PreparedRecord, b: PreparedRecord): PairVerdict | null {
  const title = titleSimilarity(a, b);
  const doi = a.doi && b.doi ? (a.doi === b.doi ? 1 : 0) : undefined;
  const samePmid = !!a.pmid && a.pmid === b.pmid;
  if (!samePmid && doi !== 1 && (title === undefined || title < T.minTitle) && !isTitlePrefix(a, b)) return null;

  const scores = allScores(a, b, title, doi);
  if (samePmid) return { tier: 'exact', reason: ['pmid'], scores };

  const pmidConflict = !!a.pmid && !!b.pmid;
  const noticeVsArticle = a.isNotice !== b.isNotice;
  const t = title ?? 0;
  if (doi === 1 && !pmidConflict && !noticeVsArticle && t >= T.exactDoiTitle) {
    return { tier: 'exact', reason: ['doi', fmt('title', t)], scores };
  }

  const likely = (reason: string[]): PairVerdict => ({ tier: 'likely', reason, scores });
  if (noticeVsArticle) return doi === 1 ? likely(['doi', fmt('title', t), 'notice vs article']) : null;

  const gap = yearGap(a, b);
  const conflicts: string[] = [];
  if (gap !== undefined && gap > 1) conflicts.push(`years ${gap} apart`);
  if (doi === 0) conflicts.push('different DOIs');
  if (pmidConflict) conflicts.push('different PMIDs');
  const au = scores.authors;
  const numbersDiffer = titleNumbersConflict(a, b);
  if (conflicts.length > 0) {
    if (!numbersDiffer && t >= T.conflictTitle && au !== undefined && au >= T.conflictAuthors) {
      return likely([fmt('title', t), fmt('authors', au), ...conflicts]);
    }
    return null;
  }

  if (doi === 1 && title === undefined) return likely(['doi', 'no title to compare']);
  if (doi === 1 && t >= T.doiTitle) return likely(['doi', fmt('title', t)]);
  if (numbersDiffer) return null;
  if (t >= T.authorsTitle && au !== undefined && au >= T.authors) {
    return likely([fmt('title', t), fmt('authors', au), ...yearReason(gap)]);
  }
  const { journal: j, pages, abstract: ab } = scores;
  const sameVenue = j !== undefined && j >= T.venueJournal && pages === 1;
  if (t >= T.venueTitle && sameVenue) return likely([fmt('title', t), fmt('journal', j), 'pages']);
  if (t >= T.abstractTitle && ab !== undefined && ab >= T.abstract) {
    return likely([fmt('title', t), fmt('abstract', ab), ...yearReason(gap)]);
  }
  if (isTitlePrefix(a, b)) {
    if (au !== undefined && au >= T.subtitleAuthors) return likely(['title prefix', fmt('authors', au), ...yearReason(gap)]);
    if (ab !== undefined && ab >= T.abstract) return likely(['title prefix', fmt('abstract', ab), ...yearReason(gap)]);
    if (sameVenue) return likely(['title prefix', fmt('journal', j), 'pages']);
  }
  if (t >= T.titleOnly && au === undefined && pages !== 0 && Math.min(a.titleWords, b.titleWords) >= T.titleOnlyWords) {
    return likely([fmt('title', t), 'no authors to compare', ...yearReason(gap)]);
  }
  return null;
}

function yearReason(gap: number | undefined): string[] {
  return gap === undefined ? [] : gap === 0 ? ['year'] : ['year ±1'];
}

function allScores(a: PreparedRecord, b: PreparedRecord, title: number | undefined, doi: number | undefined): PairScores {
  const gap = yearGap(a, b);
  const scores: PairScores = {
    title,
    authors: authorSimilarity(a, b),
    year: gap === undefined ? undefined : gap === 0 ? 1 : gap === 1 ? 0.5 : 0,
    journal: journalSimilarity(a, b),
    pages: pagesSimilarity(a, b),
    abstract: abstractSimilarity(a, b),
    doi,
  };
  for (const k of Object.keys(scores) as (keyof PairScores)[]) if (scores[k] === undefined) delete scores[k];
  return scores;
}
