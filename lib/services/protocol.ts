/**
 * Protocol workflows shared by the protocol page's server actions and the JSON API: every member
 * reads the protocol, criteria, reasons and history; owners change them. Each change is a new
 * protocol version (lib/db/protocol.ts).
 */
import {
  getProtocolState,
  getProtocolVersion,
  initializeProtocol,
  listProtocolVersions,
  updateProtocolFields,
  type ProtocolState,
  type ProtocolVersionRow,
} from '../db/protocol';
import {
  deleteCriterion,
  deleteExclusionReason,
  insertCriterion,
  insertExclusionReason,
  insertReasonsFromCriteria,
  updateCriterion,
  updateExclusionReason,
} from '../db/protocol-lists';
import { diffSnapshots, registrationHints, screeningStartedWarning, templateName, type ProtocolSnapshot, type ProtocolTemplateId } from '../domain/protocol';
import { notFound } from '../errors';
import { criterionPatchSchema, criterionSchema, exclusionReasonPatchSchema, exclusionReasonSchema, protocolSchema, protocolSectionSchemas, type ProtocolSection } from '../schemas/protocol';
import { pagingSchema } from '../schemas/review';
import { isUuid, requireReviewRole } from './permissions';

export interface ProtocolView extends ProtocolState {
  /** Shown before criteria or reasons change once screening has started; null before. */
  screeningWarning: string | null;
  /** Hints on the registration fields (never blocking). */
  hints: string[];
}

export interface ProtocolVersionSummary {
  version: number;
  createdAt: Date;
  createdBy: { id: string; name: string };
  /** What changed since the version before, one line per change. */
  changes: string[];
}

function toView(state: ProtocolState): ProtocolView {
  return { ...state, screeningWarning: screeningStartedWarning(state.decisionsCount, state.decisionVersions), hints: registrationHints(state) };
}

export async function getProtocol(userId: string, reviewId: string): Promise<ProtocolView> {
  await requireReviewRole(reviewId, userId, 'viewer');
  return toView(await getProtocolState(reviewId));
}

/** Replaces all protocol fields and highlight terms (PUT): a field left out is saved empty. */
export async function replaceProtocol(userId: string, reviewId: string, input: unknown): Promise<ProtocolView> {
  await requireReviewRole(reviewId, userId, 'owner');
  await updateProtocolFields({ reviewId, actorId: userId, patch: protocolSchema.parse(input) });
  return toView(await getProtocolState(reviewId));
}

/** Saves one section of the protocol page; the other fields stay as they are. */
export async function saveProtocolSection(userId: string, reviewId: string, section: ProtocolSection, input: unknown): Promise<ProtocolView> {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!Object.hasOwn(protocolSectionSchemas, section)) throw notFound('Protocol section');
  const schema = protocolSectionSchemas[section];
  await updateProtocolFields({ reviewId, actorId: userId, patch: schema.parse(input) });
  return toView(await getProtocolState(reviewId));
}

/** Version 1 for a review just created (from a template or empty). */
export async function startProtocol(userId: string, reviewId: string, template: ProtocolTemplateId): Promise<void> {
  await requireReviewRole(reviewId, userId, 'owner');
  await initializeProtocol({ reviewId, actorId: userId, template });
}

function summarize(row: ProtocolVersionRow): ProtocolVersionSummary {
  const name = templateName((row.snapshot as ProtocolSnapshot).templateId);
  return { version: row.version, createdAt: row.createdAt, createdBy: row.createdBy, changes: diffSnapshots(row.previousSnapshot, row.snapshot, name) };
}

/** Newest first. */
export async function listProtocolHistory(userId: string, reviewId: string, paging: unknown = {}) {
  await requireReviewRole(reviewId, userId, 'viewer');
  const page = pagingSchema.parse(paging);
  const { items, total } = await listProtocolVersions(reviewId, page);
  return { items: items.map(summarize), total, paging: page };
}

/** One version with its full snapshot: the protocol as decisions made under it saw it. */
export async function getProtocolHistoryVersion(userId: string, reviewId: string, version: string | number) {
  await requireReviewRole(reviewId, userId, 'viewer');
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1) throw notFound('Protocol version');
  const row = await getProtocolVersion(reviewId, n);
  return { ...summarize(row), snapshot: row.snapshot };
}

// ---- criteria -----------------------------------------------------------------------------------

export async function listCriteria(userId: string, reviewId: string) {
  return (await getProtocol(userId, reviewId)).criteria;
}

export async function addCriterion(userId: string, reviewId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  return insertCriterion({ reviewId, actorId: userId, data: criterionSchema.parse(input) });
}

export async function changeCriterion(userId: string, reviewId: string, criterionId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(criterionId)) throw notFound('Criterion');
  return updateCriterion({ reviewId, criterionId, actorId: userId, patch: criterionPatchSchema.parse(input) });
}

export async function removeCriterion(userId: string, reviewId: string, criterionId: string) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(criterionId)) throw notFound('Criterion');
  await deleteCriterion({ reviewId, criterionId, actorId: userId });
}

// ---- exclusion reasons --------------------------------------------------------------------------

export async function listExclusionReasons(userId: string, reviewId: string) {
  return (await getProtocol(userId, reviewId)).exclusionReasons;
}

export async function addExclusionReason(userId: string, reviewId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  return insertExclusionReason({ reviewId, actorId: userId, data: exclusionReasonSchema.parse(input) });
}

export async function changeExclusionReason(userId: string, reviewId: string, reasonId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(reasonId)) throw notFound('Exclusion reason');
  return updateExclusionReason({ reviewId, reasonId, actorId: userId, patch: exclusionReasonPatchSchema.parse(input) });
}

export async function removeExclusionReason(userId: string, reviewId: string, reasonId: string) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(reasonId)) throw notFound('Exclusion reason');
  await deleteExclusionReason({ reviewId, reasonId, actorId: userId });
}

/** One reason per exclusion criterion that has none; returns the reasons created (maybe none). */
export async function createReasonsFromCriteria(userId: string, reviewId: string) {
  await requireReviewRole(reviewId, userId, 'owner');
  return insertReasonsFromCriteria({ reviewId, actorId: userId });
}
