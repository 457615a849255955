/**
 * Per-field similarities for a candidate pair, each 0..1 or undefined when either side lacks
 * the field (a missing field is no evidence either way, as in ASySD's NA handling).
 * Title, authors and journal use Jaro-Winkler as ASySD does; the abstract uses word-set overlap,
 * because abstracts differ by structured-section labels, publisher boilerplate and truncation,
 * which shift characters and defeat a character-window comparator.
 */
import { jaroWinkler } from './jaro-winkler';
import { isJournalAbbreviation } from './normalize-fields';
import { AUTHOR_SEPARATOR, MAX_AUTHORS, type PreparedRecord } from './prepare-record';

/** Below this many distinct words the overlap coefficient is too easily high; use Dice instead. */
const MIN_WORDS_FOR_OVERLAP = 25;
const MIN_PREFIX_WORDS = 5;

export function titleSimilarity(a: PreparedRecord, b: PreparedRecord): number | undefined {
  if (!a.title || !b.title) return undefined;
  if (a.titleCompact === b.titleCompact) return 1;
  return jaroWinkler(a.title, b.title);
}

/**
 * The better of two views. Jaro-Winkler over "family initial" strings, both lists cut to the
 * shorter (databases truncate long lists at 3, 6 or 20 names), so "Francis, Louise" = "Francis L".
 * And the overlap of last family words, which survives reordered lists and compound names that
 * one database splits differently ("Palmer du Preez, K" vs "du Preez, K"), where JW drops to 0.78.
 */
export function authorSimilarity(a: PreparedRecord, b: PreparedRecord): number | undefined {
  const n = Math.min(a.authorCount, b.authorCount, MAX_AUTHORS);
  if (n === 0) return undefined;
  const jw = jaroWinkler(firstAuthors(a, n), firstAuthors(b, n));
  if (jw === 1 || !a.families || !b.families) return jw;
  const x = a.families.split(' ');
  const y = b.families.split(' ');
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  const other = new Set(large);
  let common = 0;
  for (const f of small) if (other.has(f)) common++;
  return Math.max(jw, common / small.length);
}

/** The first `n` "family initial" keys, space-separated. */
function firstAuthors(p: PreparedRecord, n: number): string {
  const all = p.authors.split(AUTHOR_SEPARATOR);
  return (n < all.length ? all.slice(0, n) : all).join(' ');
}

/**
 * True when the shorter title (at least MIN_PREFIX_WORDS words) is the start of the longer one:
 * a subtitle dropped or added by one database ("X" vs "X: a randomized clinical trial"), which
 * JW scores around 0.88 once the subtitle is long.
 */
export function isTitlePrefix(a: PreparedRecord, b: PreparedRecord): boolean {
  const [short, long] = a.title.length <= b.title.length ? [a, b] : [b, a];
  if (short.titleWords < MIN_PREFIX_WORDS) return false;
  return long.title.startsWith(short.title) && long.title[short.title.length] === ' ';
}

/** Both titles carry numbers and they differ: "Part 1 of 4" vs "Part 2 of 4", "WISER 2006" vs "2007". */
export function titleNumbersConflict(a: PreparedRecord, b: PreparedRecord): boolean {
  return a.titleNumbers !== '' && b.titleNumbers !== '' && a.titleNumbers !== b.titleNumbers;
}

/** Best match over full title and abbreviation on each side; a valid abbreviation counts as 1. */
export function journalSimilarity(a: PreparedRecord, b: PreparedRecord): number | undefined {
  if (!a.journals || !b.journals) return undefined;
  let best = 0;
  for (const x of a.journals.split(AUTHOR_SEPARATOR)) {
    for (const y of b.journals.split(AUTHOR_SEPARATOR)) {
      if (x === y || isJournalAbbreviation(x, y) || isJournalAbbreviation(y, x)) return 1;
      best = Math.max(best, jaroWinkler(x, y));
    }
  }
  return best;
}

/** 1 when first pages agree, 0 when both are known and differ. */
export function pagesSimilarity(a: PreparedRecord, b: PreparedRecord): number | undefined {
  if (!a.startPage || !b.startPage) return undefined;
  return a.startPage === b.startPage ? 1 : 0;
}

/** Years apart, or undefined. */
export function yearGap(a: PreparedRecord, b: PreparedRecord): number | undefined {
  if (a.year === undefined || b.year === undefined) return undefined;
  return Math.abs(a.year - b.year);
}

/**
 * Overlap coefficient |A∩B| / min(|A|,|B|) on distinct words, which tolerates one database
 * truncating the abstract; Dice for short abstracts, where overlap would reward any shared jargon.
 */
export function abstractSimilarity(a: PreparedRecord, b: PreparedRecord): number | undefined {
  const x = a.abstract;
  const y = b.abstract;
  if (x.length === 0 || y.length === 0) return undefined;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      common++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  const small = Math.min(x.length, y.length);
  if (small >= MIN_WORDS_FOR_OVERLAP) return common / small;
  return (2 * common) / (x.length + y.length);
}
