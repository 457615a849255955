/**
 * Deduplication of one review's records, in the spirit of ASySD (Hair et al. 2023, BMC Biology
 * 21:189): normalise fields, block, score candidate pairs field by field, accept by OR-ed rules.
 * Exact pairs (same PMID; same DOI with a matching title) form groups by union-find and are merged
 * automatically into the most complete record; likely pairs go to a human review queue and never
 * join groups here. Incremental use: `existing` records (earlier searches of the review) are
 * compared with the new ones, never with each other.
 * Output order is deterministic: pairs by (a, b) input position, groups by first member.
 */
import { forEachCandidatePair } from './blocking';
import { prepareRecord, type DedupItem, type PreparedRecord } from './prepare-record';
import { scorePair, type DuplicateTier, type PairScores } from './score-pair';
import { pickSurvivor } from './survivor';

export type { DedupItem } from './prepare-record';
export type { DuplicateTier, PairScores } from './score-pair';

export interface DuplicatePair {
  /** The record earlier in input order (existing items count as before new ones). */
  a: string;
  b: string;
  tier: DuplicateTier;
  reason: string[];
  scores: PairScores;
}

export interface DuplicateGroup {
  survivorId: string;
  duplicateIds: string[];
}

export interface DedupResult {
  pairs: DuplicatePair[];
  groups: DuplicateGroup[];
}

export interface FindDuplicatesOptions {
  /** Records already in the review: compared against `items`, not against each other. */
  existing?: DedupItem[];
}

export function findDuplicates(items: DedupItem[], options: FindDuplicatesOptions = {}): DedupResult {
  const existing = options.existing ?? [];
  const records: PreparedRecord[] = [
    ...existing.map((it, i) => prepareRecord(it, i, true)),
    ...items.map((it, i) => prepareRecord(it, existing.length + i, false)),
  ];

  const found: { i: number; j: number; pair: DuplicatePair }[] = [];
  forEachCandidatePair(records, (i, j) => {
    const verdict = scorePair(records[i], records[j]);
    if (verdict) found.push({ i, j, pair: { a: records[i].id, b: records[j].id, ...verdict } });
  });
  found.sort((x, y) => x.i - y.i || x.j - y.j);

  const parent = records.map((_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const { i, j, pair } of found) {
    if (pair.tier !== 'exact') continue;
    const ri = root(i);
    const rj = root(j);
    // The smaller index becomes the root, so group order follows input order.
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  }

  const inExact = new Set<number>();
  for (const { i, j, pair } of found) {
    if (pair.tier === 'exact') inExact.add(i).add(j);
  }
  const members = new Map<number, number[]>();
  for (const x of [...inExact].sort((p, q) => p - q)) {
    const r = root(x);
    const list = members.get(r);
    if (list) list.push(x);
    else members.set(r, [x]);
  }
  const groups = [...members.entries()]
    .sort(([r1], [r2]) => r1 - r2)
    .map(([, idx]) => pickSurvivor(idx.map((x) => ({ id: records[x].id, record: records[x].record }))));

  return { pairs: found.map((f) => f.pair), groups };
}
