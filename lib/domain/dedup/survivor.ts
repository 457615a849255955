/**
 * Survivor of a duplicate group: the most complete record, so merging loses the least (the design
 * users trust, see shared/notes/domain.md). Completeness is lexicographic, in this order:
 * has abstract > has DOI > has PMID > more authors > longer abstract > more filled fields;
 * ties go to the earliest record in input order, so the same input always keeps the same record.
 */
import type { BibRecord } from '../records/bib-record';
import type { DedupItem } from './prepare-record';

/**
 * One number that orders records lexicographically by the criteria above: each criterion gets
 * its own band of digits, capped so a lower band can never overflow into a higher one.
 */
export function completenessScore(record: BibRecord): number {
  const abstractLength = record.abstract?.trim().length ?? 0;
  const authors = Math.min(record.authors?.length ?? 0, 999);
  return (
    (abstractLength > 0 ? 1 : 0) * 1e14 +
    (record.doi ? 1 : 0) * 1e13 +
    (record.pmid ? 1 : 0) * 1e12 +
    authors * 1e9 +
    Math.min(abstractLength, 99_999) * 1e4 +
    Math.min(filledFields(record), 9_999)
  );
}

function filledFields(record: BibRecord): number {
  let n = 0;
  for (const value of Object.values(record)) {
    if (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '') n++;
  }
  return n;
}

export interface SurvivorChoice {
  survivorId: string;
  /** The others, in input order. */
  duplicateIds: string[];
}

/** `items` in input order; throws on an empty group (a caller bug, never user data). */
export function pickSurvivor(items: DedupItem[]): SurvivorChoice {
  if (items.length === 0) throw new Error('pickSurvivor needs at least one record');
  let best = 0;
  let bestScore = completenessScore(items[0].record);
  for (let i = 1; i < items.length; i++) {
    const score = completenessScore(items[i].record);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return {
    survivorId: items[best].id,
    duplicateIds: items.filter((_, i) => i !== best).map((it) => it.id),
  };
}
