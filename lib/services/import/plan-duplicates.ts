/**
 * What an import does to duplicates, decided before anything is written: which new records are
 * linked to which, which earlier records change survivor, and which pairs are stored.
 *
 * Pairs come from lib/domain/dedup (exact: same PMID, or same DOI with a matching title; likely:
 * field similarities, ASySD-style). Links form trees: every removed record points (duplicateOfId)
 * at a record it was paired with, and the root of each tree is the survivor that gets screened.
 * Linking only along pairs is what makes a decision undoable: undoing a merged pair restores
 * exactly the record that pair removed (see lib/db/duplicates.ts).
 *
 * Survivor rule (shared/notes/domain.md, "design that users trust"): a record that already has
 * screening decisions survives; otherwise the most complete record (completenessScore); ties go to
 * the earlier record, earlier imports first. Nothing is deleted. An earlier record with decisions
 * is never demoted automatically: when an exact pair would join two groups that both hold
 * decisions, that pair is stored as pending for a person instead of merged.
 */
import type { BibRecord } from '../../domain/records/bib-record';
import { findDuplicatePairs, prepareRecord, type DuplicatePair, type PairScores } from '../../domain/dedup';

export interface ExistingRecordForDedup {
  id: string;
  record: BibRecord;
  duplicateOfId: string | null;
  hasDecisions: boolean;
}

export interface IncomingRecordForDedup {
  id: string;
  record: BibRecord;
  /** completenessScore of the full record (the dedup copy may be trimmed). */
  completeness: number;
}

export interface PlannedPair {
  recordAId: string;
  recordBId: string;
  tier: 'exact' | 'likely';
  reasons: string[];
  scores: PairScores;
  status: 'merged' | 'pending';
}

export interface PlannedLink {
  id: string;
  duplicateOfId: string | null;
}

export interface DuplicateCounts {
  /** Exact pairs found (merged automatically unless two screened groups would be joined). */
  exact: number;
  /** Likely pairs waiting for a person. */
  likely: number;
  withinFile: { exact: number; likely: number };
  againstEarlierImports: { exact: number; likely: number };
  /** New records linked to a survivor (removed before screening). */
  newRecordsRemoved: number;
  /** Net change of the review's "duplicate records removed" count (earlier survivors may be demoted). */
  duplicatesRemovedChange: number;
}

export interface DuplicatePlan {
  pairs: PlannedPair[];
  /** New records with their survivor link, and earlier records whose link changes. */
  links: PlannedLink[];
  counts: DuplicateCounts;
}

/** An earlier record as planning sees it: its dedup fields are already compared (the pairs). */
export interface ExistingNode {
  id: string;
  completeness: number;
  duplicateOfId: string | null;
  hasDecisions: boolean;
}

export interface IncomingNode {
  id: string;
  completeness: number;
}

interface Node {
  id: string;
  isExisting: boolean;
  hasDecisions: boolean;
  completeness: number;
  /** Current link (existing records) or the planned one; node indexes, -1 for none. */
  parent: number;
  originalParent: number;
  /** Existing records: index of the root of their existing tree. */
  tree: number;
}

/** Pairs and plan in one call, on whole records (tests and small inputs). */
export function planDuplicates(incoming: IncomingRecordForDedup[], existing: ExistingRecordForDedup[]): DuplicatePlan {
  const existingPrepared = existing.map((e) => prepareRecord(e));
  const incomingPrepared = incoming.map((r) => prepareRecord(r, 0, false, r.completeness));
  const pairs = findDuplicatePairs(existingPrepared, incomingPrepared);
  return planFromPairs(
    pairs,
    incoming.map((r) => ({ id: r.id, completeness: r.completeness })),
    existing.map((e, i) => ({ id: e.id, completeness: existingPrepared[i].completeness, duplicateOfId: e.duplicateOfId, hasDecisions: e.hasDecisions })),
  );
}

/**
 * The plan from pairs found earlier (findDuplicatePairs over the same records, existing first in
 * the same order): cheap, so an import can find pairs before taking the review's lock and plan
 * under it with the links and decisions as they are then.
 */
export function planFromPairs(pairs: DuplicatePair[], incoming: IncomingNode[], existing: ExistingNode[]): DuplicatePlan {
  const nodes: Node[] = [];
  const indexOf = new Map<string, number>();
  for (const e of existing) {
    indexOf.set(e.id, nodes.length);
    nodes.push({ id: e.id, isExisting: true, hasDecisions: e.hasDecisions, completeness: e.completeness, parent: -1, originalParent: -1, tree: -1 });
  }
  for (const r of incoming) {
    indexOf.set(r.id, nodes.length);
    nodes.push({ id: r.id, isExisting: false, hasDecisions: false, completeness: r.completeness, parent: -1, originalParent: -1, tree: -1 });
  }
  existing.forEach((e, i) => {
    const p = e.duplicateOfId ? indexOf.get(e.duplicateOfId) : undefined;
    // A link to a record that is not a dedup candidate (removed for another reason) is left alone.
    nodes[i].parent = nodes[i].originalParent = p ?? -1;
  });
  const treeMembers = existingTrees(nodes, existing.length);

  const uf = new UnionFind(nodes.length);
  const adjacency = new Map<number, number[]>();
  for (let i = 0; i < existing.length; i++) if (nodes[i].parent >= 0) uf.union(i, nodes[i].parent);
  for (const p of pairs) {
    if (p.tier !== 'exact') continue;
    const a = indexOf.get(p.a)!;
    const b = indexOf.get(p.b)!;
    uf.union(a, b);
    push(adjacency, a, b);
    push(adjacency, b, a);
  }

  const components = new Map<number, number[]>();
  for (let i = existing.length; i < nodes.length; i++) push(components, uf.find(i), i);
  for (let i = 0; i < existing.length; i++) {
    const list = components.get(uf.find(i));
    if (list) list.push(i);
  }

  const group = new Int32Array(nodes.length).fill(-1);
  for (const members of components.values()) {
    if (members.length < 2) continue;
    groupComponent(members, nodes, adjacency, treeMembers, group);
  }

  return buildPlan(pairs, nodes, indexOf, group, existing.length);
}

/** Members of each existing tree, keyed by the tree's root; sets `tree` on every existing node. */
function existingTrees(nodes: Node[], existingCount: number): Map<number, number[]> {
  const trees = new Map<number, number[]>();
  for (let i = 0; i < existingCount; i++) {
    let root = i;
    for (let steps = 0; nodes[root].parent >= 0 && steps < existingCount; steps++) root = nodes[root].parent;
    nodes[i].tree = root;
    push(trees, root, i);
  }
  return trees;
}

/**
 * Splits one connected component into survivor trees: start from the best record not yet placed,
 * grow along exact pairs, adopt earlier trees whole (re-rooted where they are reached), and leave
 * out earlier trees holding screening decisions of their own.
 */
function groupComponent(members: number[], nodes: Node[], adjacency: Map<number, number[]>, treeMembers: Map<number, number[]>, group: Int32Array) {
  const placed = new Set<number>();
  const hasDecisions = (tree: number) => treeMembers.get(tree)!.some((m) => nodes[m].hasDecisions);
  while (placed.size < members.length) {
    const start = bestSurvivor(members.filter((m) => !placed.has(m)), nodes);
    const queue: number[] = [];
    const adopt = (x: number, parent: number) => {
      if (nodes[x].isExisting) {
        reroot(nodes, x);
        for (const m of treeMembers.get(nodes[x].tree)!) {
          placed.add(m);
          group[m] = start;
          queue.push(m);
        }
      } else {
        placed.add(x);
        group[x] = start;
        queue.push(x);
      }
      nodes[x].parent = parent;
    };
    adopt(start, -1);
    for (let q = 0; q < queue.length; q++) {
      for (const v of adjacency.get(queue[q]) ?? []) {
        if (placed.has(v)) continue;
        if (nodes[v].isExisting && hasDecisions(nodes[v].tree)) continue; // never demote screened records
        adopt(v, queue[q]);
      }
    }
  }
}

/** Screening decisions first (an earlier survivor with decisions before others), then completeness, then input order. */
function bestSurvivor(candidates: number[], nodes: Node[]): number {
  let best = candidates[0];
  for (const c of candidates.slice(1)) if (rank(nodes, c, best) > 0) best = c;
  return best;
}

function rank(nodes: Node[], a: number, b: number): number {
  const x = nodes[a];
  const y = nodes[b];
  if (x.hasDecisions !== y.hasDecisions) return x.hasDecisions ? 1 : -1;
  const xRoot = x.hasDecisions && x.isExisting && x.originalParent < 0;
  const yRoot = y.hasDecisions && y.isExisting && y.originalParent < 0;
  if (xRoot !== yRoot) return xRoot ? 1 : -1;
  if (x.completeness !== y.completeness) return x.completeness > y.completeness ? 1 : -1;
  return b - a; // earlier index wins
}

/** Makes `x` the root of its existing tree by reversing the links on its path to the old root. */
function reroot(nodes: Node[], x: number): void {
  let prev = -1;
  let cur = x;
  for (let steps = 0; cur >= 0 && steps <= nodes.length; steps++) {
    const next = nodes[cur].parent;
    nodes[cur].parent = prev;
    prev = cur;
    cur = next;
  }
}

function buildPlan(pairs: DuplicatePair[], nodes: Node[], indexOf: Map<string, number>, group: Int32Array, existingCount: number): DuplicatePlan {
  const counts: DuplicateCounts = {
    exact: 0,
    likely: 0,
    withinFile: { exact: 0, likely: 0 },
    againstEarlierImports: { exact: 0, likely: 0 },
    newRecordsRemoved: 0,
    duplicatesRemovedChange: 0,
  };
  const planned: PlannedPair[] = [];
  for (const p of pairs) {
    const a = indexOf.get(p.a)!;
    const b = indexOf.get(p.b)!;
    const sameGroup = group[a] >= 0 && group[a] === group[b];
    // A likely pair inside one merged group is already settled by the exact pairs around it.
    if (p.tier === 'likely' && sameGroup) continue;
    planned.push({ recordAId: p.a, recordBId: p.b, tier: p.tier, reasons: p.reason, scores: p.scores, status: p.tier === 'exact' && sameGroup ? 'merged' : 'pending' });
    const scope = a < existingCount || b < existingCount ? counts.againstEarlierImports : counts.withinFile;
    scope[p.tier]++;
    counts[p.tier]++;
  }
  const links: PlannedLink[] = [];
  for (const n of nodes) {
    if (n.parent === n.originalParent) continue;
    links.push({ id: n.id, duplicateOfId: n.parent >= 0 ? nodes[n.parent].id : null });
    if (!n.isExisting) counts.newRecordsRemoved++;
    counts.duplicatesRemovedChange += (n.parent >= 0 ? 1 : 0) - (n.originalParent >= 0 ? 1 : 0);
  }
  return { pairs: planned, links, counts };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
