'use server';
import { revalidatePath } from 'next/cache';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { termsToText } from '@/lib/domain/protocol/highlight-terms';
import { notFound } from '@/lib/errors';
import {
  criterionPatchSchema,
  criterionSchema,
  exclusionReasonPatchSchema,
  exclusionReasonSchema,
  protocolSectionSchemas,
  type CriterionInput,
  type ExclusionReasonInput,
  type ProtocolSection,
} from '@/lib/schemas/protocol';
import {
  addCriterion,
  addExclusionReason,
  changeCriterion,
  changeExclusionReason,
  createReasonsFromCriteria,
  removeCriterion,
  removeExclusionReason,
  saveProtocolSection,
} from '@/lib/services/protocol';

/** Moves and retirement, sent by the list's buttons. */
export type ListChange = { position?: number; priority?: number; retired?: boolean };

// The protocol shows in its page and in the workspace overview.
const revalidate = (reviewId: string) => revalidatePath(`/reviews/${reviewId}`, 'layout');

/** Saves one section; answers with the new version and the values as saved (terms normalised). */
export async function saveProtocolSectionAction(reviewId: string, section: ProtocolSection, input: Record<string, unknown>): Promise<ActionResult<{ version: number; values: Record<string, string> }>> {
  try {
    const user = await requireActionUser();
    if (!Object.hasOwn(protocolSectionSchemas, section)) throw notFound('Protocol section');
    const data = protocolSectionSchemas[section].parse(input);
    const saved = await saveProtocolSection(user.id, reviewId, section, data);
    revalidate(reviewId);
    const values = Object.fromEntries(Object.keys(data).map((k) => [k, asText(saved[k as keyof typeof saved])]));
    return { ok: true, version: saved.version, values };
  } catch (error) {
    return actionError(error, `saveProtocolSection review=${reviewId} section=${section}`);
  }
}

const asText = (v: unknown) => (Array.isArray(v) ? termsToText(v) : String(v ?? ''));

/** Adds a criterion (criterionId null) or saves the edit dialog's fields. */
export async function saveCriterionAction(reviewId: string, criterionId: string | null, input: CriterionInput): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    const data = criterionSchema.parse(input);
    if (criterionId) await changeCriterion(user.id, reviewId, criterionId, data);
    else await addCriterion(user.id, reviewId, data);
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `saveCriterion review=${reviewId} criterion=${criterionId}`);
  }
}

export async function changeCriterionAction(reviewId: string, criterionId: string, change: ListChange): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    await changeCriterion(user.id, reviewId, criterionId, criterionPatchSchema.parse(change));
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `changeCriterion review=${reviewId} criterion=${criterionId}`);
  }
}

export async function deleteCriterionAction(reviewId: string, criterionId: string): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    await removeCriterion(user.id, reviewId, criterionId);
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `deleteCriterion review=${reviewId} criterion=${criterionId}`);
  }
}

/** Adds a reason (reasonId null) or saves the edit dialog's fields. */
export async function saveReasonAction(reviewId: string, reasonId: string | null, input: ExclusionReasonInput): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    const data = exclusionReasonSchema.parse(input);
    if (reasonId) await changeExclusionReason(user.id, reviewId, reasonId, data);
    else await addExclusionReason(user.id, reviewId, data);
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `saveReason review=${reviewId} reason=${reasonId}`);
  }
}

export async function changeReasonAction(reviewId: string, reasonId: string, change: ListChange): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    await changeExclusionReason(user.id, reviewId, reasonId, exclusionReasonPatchSchema.parse(change));
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `changeReason review=${reviewId} reason=${reasonId}`);
  }
}

export async function deleteReasonAction(reviewId: string, reasonId: string): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    await removeExclusionReason(user.id, reviewId, reasonId);
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `deleteReason review=${reviewId} reason=${reasonId}`);
  }
}

export async function createReasonsFromCriteriaAction(reviewId: string): Promise<ActionResult<{ created: number }>> {
  try {
    const user = await requireActionUser();
    const created = await createReasonsFromCriteria(user.id, reviewId);
    revalidate(reviewId);
    return { ok: true, created: created.length };
  } catch (error) {
    return actionError(error, `createReasonsFromCriteria review=${reviewId}`);
  }
}
