/**
 * Deduplication of one import, fed as the file is read: each record is reduced to its dedup
 * fields (lib/domain/dedup/prepare-record.ts) on arrival, so neither the records nor their
 * abstracts are held, and the pairs are found once reading ends. Planning (who links to whom) is
 * separate and cheap, so an import finds pairs before it takes the review's lock and plans under
 * the lock with the links and decisions of that moment; pairs are found again only when the set
 * of earlier records changed meanwhile (another import committed first).
 *
 * The same session runs in this thread (small jobs, tests) or in a worker thread
 * (dedup-in-worker.ts): the 100,000-record case is seconds of CPU that must not stall the server.
 */
import { findDuplicatePairs, prepareRecord, type DuplicatePair, type PreparedRecord } from '../../domain/dedup';
import type { BibRecord } from '../../domain/records/bib-record';
import { planFromPairs, type DuplicatePlan, type IncomingRecordForDedup } from './plan-duplicates';

export interface ExistingRecord {
  id: string;
  record: BibRecord;
}

/** An earlier record's link and whether it has screening decisions, read when planning. */
export interface ExistingState {
  id: string;
  duplicateOfId: string | null;
  hasDecisions: boolean;
}

export interface DedupSession {
  /** New records of the file being imported, in file order. */
  addIncoming(items: IncomingRecordForDedup[]): void;
  /** Earlier records of the review (any order; planning gives the order). */
  addExisting(items: ExistingRecord[]): void;
  /** Finds pairs unless they were found for exactly these earlier records, then plans. */
  plan(existing: ExistingState[]): Promise<DuplicatePlan>;
  close(): Promise<void>;
}

export class LocalDedupSession implements DedupSession {
  private readonly incoming: PreparedRecord[] = [];
  private readonly existing = new Map<string, PreparedRecord>();
  private found?: { existingIds: string[]; pairs: DuplicatePair[] };

  addIncoming(items: IncomingRecordForDedup[]): void {
    for (const it of items) this.incoming.push(prepareRecord(it, 0, false, it.completeness));
  }

  addExisting(items: ExistingRecord[]): void {
    for (const it of items) this.existing.set(it.id, prepareRecord(it));
  }

  async plan(states: ExistingState[]): Promise<DuplicatePlan> {
    return this.planNow(states);
  }

  planNow(states: ExistingState[]): DuplicatePlan {
    const existing = states.map((s) => {
      const prepared = this.existing.get(s.id);
      if (!prepared) throw new Error(`deduplication: earlier record ${s.id} was not loaded`);
      return prepared;
    });
    const ids = states.map((s) => s.id);
    if (!this.found || !sameIds(this.found.existingIds, ids)) {
      this.found = { existingIds: ids, pairs: findDuplicatePairs(existing, this.incoming) };
    }
    return planFromPairs(
      this.found.pairs,
      this.incoming.map((r) => ({ id: r.id, completeness: r.completeness })),
      states.map((s, i) => ({ ...s, completeness: existing[i].completeness })),
    );
  }

  async close(): Promise<void> {
    this.incoming.length = 0;
    this.existing.clear();
    this.found = undefined;
  }
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
