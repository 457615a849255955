/**
 * When criteria and exclusion reasons may be deleted or changed. Each function returns the
 * message to show when the change is refused, or null when it is allowed.
 *
 * - Criteria can be deleted until screening starts (no decision in the review); after that they
 *   are retired, so the versions decisions were made under stay meaningful.
 * - A reason given in any decision or resolution is never deleted, only retired: the decision
 *   keeps pointing at it, and the PRISMA count of excluded reports per reason stays derivable.
 * - The "full text not retrievable" reason is counted apart in PRISMA (reports not retrieved), so
 *   it is always offered: it keeps its name, cannot be retired, deleted, linked to a criterion,
 *   or placed among the exclusion reasons' order and priority.
 */
import { NOT_RETRIEVED_REASON, type CriterionKind, type ReasonKind } from './types';

export function criterionDeletionProblem(label: string, decisionsCount: number): string | null {
  if (decisionsCount === 0) return null;
  return `Screening has started (${decisionsCount} decision${decisionsCount === 1 ? '' : 's'}), so criteria are kept with the protocol versions they belong to. Retire “${label}” instead.`;
}

export function criterionKindProblem(label: string, newKind: CriterionKind, linkedReasons: number): string | null {
  if (newKind !== 'inclusion' || linkedReasons === 0) return null;
  return `“${label}” has exclusion reasons linked to it. Unlink them (or link them to another exclusion criterion) before making it an inclusion criterion.`;
}

/** `uses`: decisions (current or superseded) and resolutions that gave the reason. */
export function reasonDeletionProblem(reason: { label: string; kind: ReasonKind }, uses: number): string | null {
  if (reason.kind === 'not_retrieved') return notRetrievedMessage('deleted');
  if (uses === 0) return null;
  return `“${reason.label}” was given in ${uses} decision${uses === 1 ? '' : 's'}, so it cannot be deleted. Retire it instead: those decisions keep it, and it is no longer offered.`;
}

export interface ReasonPatch {
  label?: string;
  criterionId?: string | null;
  priority?: number;
  position?: number;
  retired?: boolean;
}

export function reasonChangeProblem(reason: { label: string; kind: ReasonKind }, patch: ReasonPatch): string | null {
  if (reason.kind !== 'not_retrieved') return null;
  if (patch.label !== undefined && patch.label !== reason.label) return notRetrievedMessage('renamed');
  if (patch.retired) return notRetrievedMessage('retired');
  if (patch.criterionId) return notRetrievedMessage('linked to a criterion');
  if (patch.position !== undefined || patch.priority !== undefined) return notRetrievedMessage('reordered among the exclusion reasons');
  return null;
}

function notRetrievedMessage(what: string): string {
  return `“${NOT_RETRIEVED_REASON.label}” is built in and cannot be ${what}: PRISMA counts it apart, as reports not retrieved. You can edit its description.`;
}
