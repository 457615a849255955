/**
 * One record reduced to the normalised fields deduplication compares (ASySD's field set: title,
 * authors, year, journal, volume, pages, abstract, DOI, plus PMID). Computed once per record so
 * pair scoring does no string cleaning, and computed as soon as a record is read, so the record
 * itself can be let go: at 100,000 records the raw abstracts alone are ~150 MB, their word hashes
 * a quarter of that. Nothing here refers back to the BibRecord.
 */
import type { BibAuthor, BibRecord } from '../records/bib-record';
import { completenessScore } from './survivor';
import { normalizeDoi, splitPersonName } from '../records/normalize';
import {
  abstractTokens,
  isNoticeTitle,
  normalizeJournal,
  normalizeText,
  normalizeTitle,
  startPage,
} from './normalize-fields';

/** Authors kept per record: enough to tell teams apart, few enough that "et al." truncation matters little. */
export const MAX_AUTHORS = 10;

export interface DedupItem {
  id: string;
  record: BibRecord;
}

export interface PreparedRecord {
  /** Position in the combined input (existing items first): the deterministic tie-break. Set by findDuplicatePairs. */
  index: number;
  id: string;
  isExisting: boolean;
  /** completenessScore of the full record: the survivor rule's input. */
  completeness: number;
  title: string;
  /** Title without spaces, so "human-computer" and "human computer" share blocking keys. */
  titleCompact: string;
  isNotice: boolean;
  /** Numbers in the title ("part 1 of 4" -> "1 4"), which tell apart series titles that JW sees as equal. */
  titleNumbers: string;
  /** Word count of the normalised title: short titles ("Editorial") never match on title alone. */
  titleWords: number;
  /**
   * "family initial" per author, in order, joined by AUTHOR_SEPARATOR: one string instead of an
   * array of ten, since at 100,000 records the arrays cost more than the names.
   */
  authors: string;
  authorCount: number;
  /** Last word of each family name ("murray boyle" -> "boyle"), distinct, space-separated: order-free author overlap. */
  families: string;
  /** First author's family (last word), for blocking. */
  firstFamily: string;
  year?: number;
  /** Normalised journal name and abbreviation (distinct), joined by AUTHOR_SEPARATOR. */
  journals: string;
  volume?: string;
  startPage?: string;
  doi?: string;
  pmid?: string;
  /** Abstract words as sorted unique hashes (normalize-fields.ts abstractTokens); empty when none. */
  abstract: Int32Array;
}

const NO_WORDS = new Int32Array(0);
export const AUTHOR_SEPARATOR = '|';

/**
 * Abstract word hashes are carved out of shared blocks (views, no buffer of their own): a typed
 * array with its own buffer costs ~200 bytes beyond its data, 20 MB at 100,000 records.
 */
const POOL_WORDS = 1 << 18;
let pool = new Int32Array(POOL_WORDS);
let poolUsed = 0;

function pooled(words: Int32Array): Int32Array {
  if (words.length === 0) return NO_WORDS;
  if (words.length > POOL_WORDS / 4) return words;
  if (poolUsed + words.length > pool.length) {
    pool = new Int32Array(POOL_WORDS); // the old block lives on through the views into it
    poolUsed = 0;
  }
  const view = pool.subarray(poolUsed, poolUsed + words.length);
  view.set(words);
  poolUsed += words.length;
  return view;
}

/**
 * `completeness` defaults to the record's own score; pass the full record's when `item.record` is
 * a trimmed copy (check-record.ts dedupCopy).
 */
export function prepareRecord(item: DedupItem, index = 0, isExisting = false, completeness = completenessScore(item.record)): PreparedRecord {
  const r = item.record;
  const title = normalizeTitle(r.title) || normalizeTitle(r.titleVernacular);
  const journals = [...new Set([normalizeJournal(r.journal), normalizeJournal(r.journalAbbrev)].filter(Boolean))].join(AUTHOR_SEPARATOR);
  const pmid = r.pmid?.replace(/\D/g, '') || undefined;
  const volume = normalizeText(r.volume) || undefined;
  const { authors, families } = authorFields(r.authors);
  const firstFamily = authors.length ? lastWord(authors[0].family) : '';
  return {
    index,
    id: item.id,
    isExisting,
    completeness,
    title,
    titleCompact: title.replace(/ /g, ''),
    isNotice: isNoticeTitle(r.title),
    titleNumbers: title.split(' ').filter((w) => /^\d+$/.test(w)).map((w) => String(Number(w))).sort().join(' '),
    titleWords: title ? title.split(' ').length : 0,
    authors: authors.map((a) => a.key).join(AUTHOR_SEPARATOR),
    authorCount: authors.length,
    families: families.join(' '),
    firstFamily,
    year: r.year,
    journals,
    volume,
    startPage: startPage(r.pages),
    doi: normalizeDoi(r.doi),
    pmid,
    abstract: r.abstract ? pooled(abstractTokens(r.abstract)) : NO_WORDS,
  };
}

/**
 * "family initial" keys for the first MAX_AUTHORS authors (all that scoring compares) and the
 * last word of each family name ("du Preez" -> "preez", "Murray-Boyle" -> "boyle"), since
 * databases cut compound names differently.
 */
function authorFields(list: BibAuthor[] | undefined): { authors: { key: string; family: string }[]; families: string[] } {
  const authors: { key: string; family: string }[] = [];
  const families = new Set<string>();
  for (const a of (list ?? []).slice(0, MAX_AUTHORS)) {
    const { family, given } = a.isCollective ? { family: a.name, given: undefined } : a.family ? a : splitPersonName(a.name);
    const fam = normalizeText(family);
    if (!fam) continue;
    const initial = a.isCollective ? '' : normalizeText(given).charAt(0);
    authors.push({ key: initial ? `${fam} ${initial}` : fam, family: fam });
    families.add(lastWord(fam));
  }
  return { authors, families: [...families] };
}

const lastWord = (s: string) => s.slice(s.lastIndexOf(' ') + 1);
