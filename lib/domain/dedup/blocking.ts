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
 */
import type { PreparedRecord } from './prepare-record';

const MAX_BLOCK = 40;
const WINDOW = 12;
const TITLE_KEY_LENGTH = 24;
const MIN_RARE_WORD = 4;

export function blockingKeys(p: PreparedRecord, wordCount: Map<string, number>): string[] {
  const keys: string[] = [];
  const t = p.titleCompact;
  if (t) {
    keys.push('t|' + t.slice(0, TITLE_KEY_LENGTH));
    if (t.length > TITLE_KEY_LENGTH) keys.push('s|' + t.slice(-TITLE_KEY_LENGTH));
    const rare = rareWords(p.title, wordCount);
    if (rare) keys.push('w|' + rare);
  }
  const family = p.families[0];
  if (family && p.year !== undefined) keys.push(`a|${family}|${p.year}`);
  if (family && p.startPage) keys.push(`f|${family}|${p.startPage}`);
  if (p.volume && p.startPage) keys.push(`v|${p.volume}|${p.startPage}`);
  if (p.doi) keys.push('d|' + p.doi);
  if (p.pmid) keys.push('p|' + p.pmid);
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

interface Block {
  members: number[];
  /** Oversized blocks only: members sorted by title, and each member's position in that order. */
  sorted?: number[];
  position?: Map<number, number>;
}

/**
 * Calls `visit(i, j)` once per candidate pair of indexes into `records`, i < j, in increasing i.
 * Repeats (a pair sharing several keys) are skipped with a per-record stamp array rather than a
 * set of pair codes, which at 100k records meant 700k boxed numbers for the garbage collector.
 */
export function forEachCandidatePair(records: PreparedRecord[], visit: (i: number, j: number) => void): void {
  const wordCount = new Map<string, number>();
  for (const p of records) for (const w of titleWords(p.title)) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);

  const blocks = new Map<string, Block>();
  const blocksOf: Block[][] = records.map(() => []);
  for (let i = 0; i < records.length; i++) {
    for (const key of blockingKeys(records[i], wordCount)) {
      let block = blocks.get(key);
      if (!block) blocks.set(key, (block = { members: [] }));
      block.members.push(i);
      blocksOf[i].push(block);
    }
  }
  for (const block of blocks.values()) {
    if (block.members.length <= MAX_BLOCK) continue;
    block.sorted = [...block.members].sort((x, y) => compareTitles(records[x], records[y]) || x - y);
    block.position = new Map(block.sorted.map((m, pos) => [m, pos]));
  }

  const stamp = new Int32Array(records.length).fill(-1);
  for (let i = 0; i < records.length; i++) {
    const onlyNew = records[i].isExisting;
    stamp[i] = i;
    const consider = (j: number) => {
      if (j <= i || stamp[j] === i || (onlyNew && records[j].isExisting)) return;
      stamp[j] = i;
      visit(i, j);
    };
    for (const block of blocksOf[i]) {
      if (!block.sorted) {
        for (const j of block.members) consider(j);
        continue;
      }
      const pos = block.position!.get(i)!;
      const end = Math.min(block.sorted.length, pos + WINDOW + 1);
      for (let q = Math.max(0, pos - WINDOW); q < end; q++) consider(block.sorted[q]);
    }
  }
}

function compareTitles(a: PreparedRecord, b: PreparedRecord): number {
  return a.titleCompact < b.titleCompact ? -1 : a.titleCompact > b.titleCompact ? 1 : 0;
}
