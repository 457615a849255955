/**
 * Review permissions, checked by every action and handler (never only hidden in the UI).
 * Non-members get NotFound, so a review's existence is not revealed; members whose role is too
 * low get Forbidden with what is needed.
 */
import type { Role } from '../db/generated/enums';
import { findMembership } from '../db/reviews';
import { findStageAccess, type StageSettingView } from '../db/screening';
import type { Stage } from '../domain/screening/stage-outcome';
import { AppError, notFound } from '../errors';

const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, owner: 2 };

export interface ReviewAccess {
  reviewId: string;
  userId: string;
  role: Role;
  canAdjudicate: boolean;
}

export async function requireReviewRole(reviewId: string, userId: string, minimum: Role = 'viewer'): Promise<ReviewAccess> {
  if (!isUuid(reviewId)) throw notFound('Review');
  const m = await findMembership(reviewId, userId);
  if (!m) throw notFound('Review');
  assertRole(m.role, minimum);
  return { reviewId, userId, role: m.role, canAdjudicate: m.role === 'owner' || m.canAdjudicate };
}

/** requireReviewRole plus the stage's settings, read together (one query on the screening hot path). */
export async function requireStageRole(reviewId: string, userId: string, stage: Stage, minimum: Role): Promise<ReviewAccess & { setting: StageSettingView }> {
  if (!isUuid(reviewId)) throw notFound('Review');
  const a = await findStageAccess(reviewId, userId, stage);
  if (!a) throw notFound('Review');
  assertRole(a.role, minimum);
  return {
    reviewId, userId, role: a.role, canAdjudicate: a.role === 'owner' || a.canAdjudicate,
    setting: { requiredDecisions: a.requiredDecisions, isBlinded: a.isBlinded, hasChecklist: a.hasChecklist },
  };
}

/**
 * The check itself, for callers that read the caller's role along with other data in one query:
 * not a member reads as "not found" (a review's existence is not disclosed), too low a role as 403.
 */
export function assertRole(role: Role | null, minimum: Role): asserts role is Role {
  if (!role) throw notFound('Review');
  if (RANK[role] < RANK[minimum]) {
    throw new AppError('forbidden', `This needs the ${minimum} role in this review; you are a ${role}.`);
  }
}

/** The roles that meet `minimum`, for checks made inside a query (lib/db/screening-queue.ts). */
export function rolesAtLeast(minimum: Role): Role[] {
  return (Object.keys(RANK) as Role[]).filter((r) => RANK[r] >= RANK[minimum]);
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
