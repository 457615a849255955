/**
 * Edits to the protocol's ordered lists: eligibility criteria and full-text exclusion reasons.
 * Each edit is one changeProtocol() transaction (lib/db/protocol.ts), so it is versioned and audited.
 */
import {
  criteriaWithoutReason,
  criterionDeletionProblem,
  criterionKindProblem,
  moveToPosition,
  reasonChangeProblem,
  reasonDeletionProblem,
  renumber,
  type CriterionKind,
  type Stage,
} from '../domain/protocol';
import { conflict, invalid, notFound } from '../errors';
import { CRITERION, REASON, toCriterion, toReason, changeProtocol, type ProtocolState, type ExclusionReasonView, type CriterionView } from './protocol';
import type { Tx } from './client';

export interface CriterionFields {
  kind: CriterionKind;
  label: string;
  description: string;
  stages: Stage[];
}

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function assertUniqueLabel(items: Array<{ id: string; label: string }>, label: string | undefined, exceptId: string | null, what: string): void {
  if (label === undefined || !items.some((i) => i.id !== exceptId && sameLabel(i.label, label))) return;
  throw conflict(`${what} labelled “${label}” already exists; use another label.`, { fieldErrors: { label: [`${what} with this label already exists.`] } });
}

const criterionAudit = (c: CriterionView) => ({ kind: c.kind, label: c.label, description: c.description, stages: c.stages, position: c.position, isRetired: c.isRetired });

export async function insertCriterion(input: { reviewId: string; actorId: string; data: CriterionFields }): Promise<CriterionView> {
  return changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    assertUniqueLabel(state.criteria, input.data.label, null, 'A criterion');
    const position = state.criteria.length + 1;
    const created = toCriterion(await tx.criterion.create({ data: { reviewId: input.reviewId, ...input.data, position }, select: CRITERION }));
    return { result: created, action: 'criterion.created', entityType: 'criterion', entityId: created.id, after: criterionAudit(created) };
  });
}

export async function updateCriterion(input: {
  reviewId: string;
  criterionId: string;
  actorId: string;
  patch: Partial<CriterionFields> & { position?: number; retired?: boolean };
}): Promise<CriterionView> {
  return changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    const current = state.criteria.find((c) => c.id === input.criterionId);
    if (!current) throw notFound('Criterion');
    const { position, retired, ...fields } = input.patch;
    assertUniqueLabel(state.criteria, fields.label, current.id, 'A criterion');
    const linked = state.exclusionReasons.filter((r) => r.criterionId === current.id).length;
    const kindProblem = fields.kind && fields.kind !== current.kind ? criterionKindProblem(current.label, fields.kind, linked) : null;
    if (kindProblem) throw conflict(kindProblem, { fieldErrors: { kind: [kindProblem] } });
    const retiredAt = retired === undefined ? undefined : retired ? (current.retiredAt ?? new Date()) : null;
    await tx.criterion.update({ where: { id: current.id }, data: { ...fields, retiredAt } });
    if (position !== undefined) await writeOrder(tx, 'criterion', moveToPosition(state.criteria.map((c) => c.id), current.id, position), state.criteria, 'position');
    const updated = toCriterion(await tx.criterion.findUniqueOrThrow({ where: { id: current.id }, select: CRITERION }));
    return { result: updated, action: 'criterion.updated', entityType: 'criterion', entityId: current.id, before: criterionAudit(current), after: criterionAudit(updated) };
  });
}

export async function deleteCriterion(input: { reviewId: string; criterionId: string; actorId: string }): Promise<void> {
  await changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    const current = state.criteria.find((c) => c.id === input.criterionId);
    if (!current) throw notFound('Criterion');
    const problem = criterionDeletionProblem(current.label, state.decisionsCount);
    if (problem) throw conflict(problem);
    await tx.criterion.delete({ where: { id: current.id } });
    const rest = state.criteria.filter((c) => c.id !== current.id);
    await writeOrder(tx, 'criterion', rest.map((c) => c.id), rest, 'position');
    return { result: undefined, action: 'criterion.deleted', entityType: 'criterion', entityId: current.id, before: criterionAudit(current) };
  });
}

/** Writes 1..n in the given order to the rows whose number changed. */
async function writeOrder(tx: Tx, model: 'criterion' | 'reason', orderedIds: string[], rows: Array<{ id: string; position: number; priority?: number }>, key: 'position' | 'priority'): Promise<void> {
  const current = new Map(rows.map((r) => [r.id, r[key] ?? 0]));
  for (const { id, position } of renumber(orderedIds, current)) {
    if (model === 'criterion') await tx.criterion.update({ where: { id }, data: { position } });
    else await tx.exclusionReason.update({ where: { id }, data: { [key]: position } });
  }
}

// ---- exclusion reasons --------------------------------------------------------------------------

export interface ExclusionReasonFields {
  label: string;
  description: string;
  criterionId: string | null;
}

const reasonAudit = (r: ExclusionReasonView) => ({ kind: r.kind, label: r.label, description: r.description, criterionId: r.criterionId, position: r.position, priority: r.priority, isRetired: r.isRetired });
const standardReasons = (state: ProtocolState) => state.exclusionReasons.filter((r) => r.kind === 'standard');
const byPriority = (reasons: ExclusionReasonView[]) => [...reasons].sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime());

function assertExclusionCriterion(state: ProtocolState, criterionId: string | null | undefined): void {
  if (!criterionId) return;
  const criterion = state.criteria.find((c) => c.id === criterionId);
  if (criterion?.kind === 'exclusion') return;
  const message = criterion ? `“${criterion.label}” is an inclusion criterion; link reasons to exclusion criteria.` : 'That criterion is not one of this review’s criteria.';
  throw invalid(message, { fieldErrors: { criterionId: [message] } });
}

export async function insertExclusionReason(input: { reviewId: string; actorId: string; data: ExclusionReasonFields }): Promise<ExclusionReasonView> {
  return changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    assertUniqueLabel(state.exclusionReasons, input.data.label, null, 'A reason');
    assertExclusionCriterion(state, input.data.criterionId);
    const n = standardReasons(state).length + 1;
    const row = await tx.exclusionReason.create({ data: { reviewId: input.reviewId, ...input.data, position: n, priority: n }, select: REASON });
    const created = toReason(row, new Map());
    return { result: created, action: 'exclusion_reason.created', entityType: 'exclusion_reason', entityId: created.id, after: reasonAudit(created) };
  });
}

export async function updateExclusionReason(input: {
  reviewId: string;
  reasonId: string;
  actorId: string;
  patch: Partial<ExclusionReasonFields> & { position?: number; priority?: number; retired?: boolean };
}): Promise<ExclusionReasonView> {
  return changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    const current = state.exclusionReasons.find((r) => r.id === input.reasonId);
    if (!current) throw notFound('Exclusion reason');
    const problem = reasonChangeProblem(current, input.patch);
    if (problem) throw conflict(problem);
    const { position, priority, retired, ...fields } = input.patch;
    assertUniqueLabel(state.exclusionReasons, fields.label, current.id, 'A reason');
    assertExclusionCriterion(state, fields.criterionId);
    const retiredAt = retired === undefined ? undefined : retired ? (current.retiredAt ?? new Date()) : null;
    await tx.exclusionReason.update({ where: { id: current.id }, data: { ...fields, retiredAt } });
    const standard = standardReasons(state);
    if (position !== undefined) await writeOrder(tx, 'reason', moveToPosition(standard.map((r) => r.id), current.id, position), standard, 'position');
    if (priority !== undefined) await writeOrder(tx, 'reason', moveToPosition(byPriority(standard).map((r) => r.id), current.id, priority), standard, 'priority');
    const updated = toReason(await tx.exclusionReason.findUniqueOrThrow({ where: { id: current.id }, select: REASON }), new Map([[current.id, current.usedCount]]));
    return { result: updated, action: 'exclusion_reason.updated', entityType: 'exclusion_reason', entityId: current.id, before: reasonAudit(current), after: reasonAudit(updated) };
  });
}

export async function deleteExclusionReason(input: { reviewId: string; reasonId: string; actorId: string }): Promise<void> {
  await changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    const current = state.exclusionReasons.find((r) => r.id === input.reasonId);
    if (!current) throw notFound('Exclusion reason');
    const problem = reasonDeletionProblem(current, current.usedCount);
    if (problem) throw conflict(problem);
    await tx.exclusionReason.delete({ where: { id: current.id } });
    const rest = standardReasons(state).filter((r) => r.id !== current.id);
    await writeOrder(tx, 'reason', rest.map((r) => r.id), rest, 'position');
    await writeOrder(tx, 'reason', byPriority(rest).map((r) => r.id), rest, 'priority');
    return { result: undefined, action: 'exclusion_reason.deleted', entityType: 'exclusion_reason', entityId: current.id, before: reasonAudit(current) };
  });
}

/** One reason per active exclusion criterion that has none yet (see criteriaWithoutReason). */
export async function insertReasonsFromCriteria(input: { reviewId: string; actorId: string }): Promise<ExclusionReasonView[]> {
  return changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    const missing = criteriaWithoutReason(state.criteria, state.exclusionReasons);
    const created: ExclusionReasonView[] = [];
    let n = standardReasons(state).length;
    for (const c of missing) {
      n += 1;
      const row = await tx.exclusionReason.create({ data: { reviewId: input.reviewId, label: c.label, description: c.description, criterionId: c.id, position: n, priority: n }, select: REASON });
      created.push(toReason(row, new Map()));
    }
    return { result: created, action: 'exclusion_reasons.created_from_criteria', entityType: 'exclusion_reason', entityId: input.reviewId, after: { reasons: created.map(reasonAudit) } };
  });
}
