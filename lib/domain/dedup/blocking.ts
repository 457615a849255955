/**
 * Candidate pairs by blocking (Christen 2012, "Data Matching", ch. 4), as ASySD blocks on field
 * combinations instead of comparing all n² pairs. A pair is a candidate when the two records share
 * any key:
 *   t| first 24 letters of the title (spaces removed)      s| last 24 letters of the title
 *   w| the title's two rarest words in this input           a| first author family + year
 *   f| first author family + first page                    v| volume + first page
 *   d| DOI                                                  p| PMID
 * Prefix and suffix keys survive a changed subtitle or a prefix like "Review:"; the rare-word key
 * survives typos at both ends; author and page keys catch titles that differ (translations).
 * A block larger than MAX_BLOCK (common keys like "wang|2020" at 100k records) falls back to the
 * sorted-neighbourhood method (Hernández & Stolfo 1995): sorted by title, each record meets the
 * WINDOW records either side of it, which bounds work at n·WINDOW per key. "Family" is the last
 * word of the first author's family name, as in prepare-record.ts.
 * Existing-vs-existing pairs are never produced (incremental imports compare only what is new).
 *
 * Memory (100,000 records): blocks are found one key kind at a time with a map from key to the
 * last record holding it and a chain array linking each record to the previous one with the same
 * key, so a block costs no array of its own and each kind's keys are let go before the next kind.
 * Candidate pairs are kept as one packed number each (i * n + j) in a typed array, sorted once to
 * drop repeats: no per-pair object exists until a pair scores (find-duplicates.ts).
 */
import type { PreparedRecord } from './prepare-record';

const MAX_BLOCK = 40;
const WINDOW = 12;
const TITLE_KEY_LENGTH = 24;
const MIN_RARE_WORD = 4;

type KeyOf = (p: PreparedRecord, wordCount: Map<string, number>) => string | undefined;

/** One function per key kind, in the order of the table above. */
const KEY_KINDS: KeyOf[] = [
  (p) => (p.titleCompact ? p.titleCompact.slice(0, TITLE_KEY_LENGTH) : undefined),
  (p) => (p.titleCompact.length > TITLE_KEY_LENGTH ? p.titleCompact.slice(-TITLE_KEY_LENGTH) : undefined),
  (p, wordCount) => (p.titleCompact ? rareWords(p.title, wordCount) : undefined),
  (p) => (p.firstFamily && p.year !== undefined ? `${p.firstFamily}|${p.year}` : undefined),
  (p) => (p.firstFamily && p.startPage ? `${p.firstFamily}|${p.startPage}` : undefined),
  (p) => (p.volume && p.startPage ? `${p.volume}|${p.startPage}` : undefined),
  (p) => p.doi,
  (p) => p.pmid,
];
const KIND_LABELS = ['t', 's', 'w', 'a', 'f', 'v', 'd', 'p'];

/** Every blocking key of one record, labelled by kind (for tests and explanations). */
export function blockingKeys(p: PreparedRecord, wordCount: Map<string, number>): string[] {
  const keys: string[] = [];
  KEY_KINDS.forEach((keyOf, k) => {
    const key = keyOf(p, wordCount);
    if (key) keys.push(`${KIND_LABELS[k]}|${key}`);
  });
  return keys;
}

function titleWords(title: string): string[] {
  return [...new Set(title.split(' ').filter((w) => w.length >= MIN_RARE_WORD))];
}

/** The two least frequent title words (ties alphabetical), sorted, so word order does not matter. */
function rareWords(title: string, wordCount: Map<string, number>): string | undefined {
  const words = titleWords(title);
  if (words.length < 3) return undefined;
  words.sort((x, y) => (wordCount.get(x) ?? 0) - (wordCount.get(y) ?? 0) || (x < y ? -1 : x > y ? 1 : 0));
  return words.slice(0, 2).sort().join(' ');
}

/** Candidate pairs as packed numbers i * n + j (i < j); grows by doubling. */
class PairList {
  codes = new Float64Array(1 << 16);
  length = 0;
  constructor(private readonly n: number) {}
  add(i: number, j: number): void {
    if (this.length === this.codes.length) {
      const bigger = new Float64Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.codes[this.length++] = i < j ? i * this.n + j : j * this.n + i;
  }
}

/**
 * Calls `visit(i, j)` once per candidate pair of indexes into `records`, i < j, in increasing
 * (i, j) order.
 */
export function forEachCandidatePair(records: PreparedRecord[], visit: (i: number, j: number) => void): void {
  const n = records.length;
  const wordCount = new Map<string, number>();
  for (const p of records) for (const w of titleWords(p.title)) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);

  const pairs = new PairList(n);
  const previous = new Int32Array(n);
  const members: number[] = [];
  for (const keyOf of KEY_KINDS) {
    const last = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = keyOf(records[i], wordCount);
      if (key === undefined || key === '') continue;
      previous[i] = last.get(key) ?? -1;
      last.set(key, i);
    }
    for (const tail of last.values()) {
      if (previous[tail] < 0) continue; // a block of one
      members.length = 0;
      for (let m = tail; m >= 0; m = previous[m]) members.push(m);
      addBlockPairs(records, members, pairs);
    }
  }
  wordCount.clear();

  const codes = pairs.codes.subarray(0, pairs.length).sort();
  for (let k = 0; k < codes.length; k++) {
    if (k > 0 && codes[k] === codes[k - 1]) continue;
    const i = Math.floor(codes[k] / n);
    visit(i, codes[k] - i * n);
  }
}

/** All pairs of a small block; the sorted-neighbourhood window over an oversized one. */
function addBlockPairs(records: PreparedRecord[], members: number[], pairs: PairList): void {
  const consider = (x: number, y: number) => {
    if (!(records[x].isExisting && records[y].isExisting)) pairs.add(x, y);
  };
  if (members.length <= MAX_BLOCK) {
    for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) consider(members[a], members[b]);
    return;
  }
  members.sort((x, y) => compareTitles(records[x], records[y]) || x - y);
  for (let a = 0; a < members.length; a++) {
    const end = Math.min(members.length, a + WINDOW + 1);
    for (let b = a + 1; b < end; b++) consider(members[a], members[b]);
  }
}

function compareTitles(a: PreparedRecord, b: PreparedRecord): number {
  return a.titleCompact < b.titleCompact ? -1 : a.titleCompact > b.titleCompact ? 1 : 0;
}
