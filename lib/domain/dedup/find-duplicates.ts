/**
 * Deduplication of one review's records, in the spirit of ASySD (Hair et al. 2023, BMC Biology
 * 21:189): normalise fields, block, score candidate pairs field by field, accept by OR-ed rules.
 * Exact pairs (same PMID; same DOI with a matching title) form groups by union-find and are merged
 * automatically into the most complete record; likely pairs go to a human review queue and never
 * join groups here. Incremental use: `existing` records (earlier searches of the review) are
 * compared with the new ones, never with each other.
 * Output order is deterministic: pairs by (a, b) input position, groups by first member.
 * findDuplicatePairs is the same on records already prepared (prepare-record.ts), which is how
 * imports call it: each record is reduced to its dedup fields as it is read.
 */
import { forEachCandidatePair } from './blocking';
import { prepareRecord, type DedupItem, type PreparedRecord } from './prepare-record';
import { scorePair, type DuplicateTier, type PairScores } from './score-pair';


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
  const existing = (options.existing ?? []).map((it) => prepareRecord(it));
  const records = [...existing, ...items.map((it) => prepareRecord(it))];
  const found = scoreCandidates(existing, records.slice(existing.length));

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
  const groups = [...members.entries()].sort(([r1], [r2]) => r1 - r2).map(([, idx]) => mostComplete(idx.map((x) => records[x])));

  return { pairs: found.map((f) => f.pair), groups };
}

/** Pairs among `incoming` and between `incoming` and `existing` (never existing with existing). */
export function findDuplicatePairs(existing: PreparedRecord[], incoming: PreparedRecord[]): DuplicatePair[] {
  return scoreCandidates(existing, incoming).map((f) => f.pair);
}

interface Found {
  i: number;
  j: number;
  pair: DuplicatePair;
}

/** Indexes the records (existing first), then scores each candidate pair in (i, j) order. */
function scoreCandidates(existing: PreparedRecord[], incoming: PreparedRecord[]): Found[] {
  const records = existing.length ? [...existing, ...incoming] : incoming;
  records.forEach((r, i) => {
    r.index = i;
    r.isExisting = i < existing.length;
  });
  const found: Found[] = [];
  forEachCandidatePair(records, (i, j) => {
    const verdict = scorePair(records[i], records[j]);
    if (verdict) found.push({ i, j, pair: { a: records[i].id, b: records[j].id, ...verdict } });
  });
  return found;
}

/** pickSurvivor (survivor.ts) on prepared records: highest completeness, earliest on ties. */
function mostComplete(group: PreparedRecord[]): DuplicateGroup {
  let best = 0;
  for (let i = 1; i < group.length; i++) if (group[i].completeness > group[best].completeness) best = i;
  return { survivorId: group[best].id, duplicateIds: group.filter((_, i) => i !== best).map((r) => r.id) };
}
