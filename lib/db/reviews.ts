/** Reviews and their members. Every read is scoped to a user's membership. */
import { Prisma, type Role } from './generated/client';
import { conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb, getSql, type Tx } from './client';

export interface ReviewSummary {
  id: string;
  title: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  role: Role;
  memberCount: number;
}

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: Role;
  canAdjudicate: boolean;
  joinedAt: Date;
}

const STAGES = ['title_abstract', 'full_text'] as const;

export async function insertReview(input: { title: string; description: string; ownerId: string }): Promise<ReviewSummary> {
  return getDb().$transaction(async (tx) => {
    const review = await tx.review.create({
      data: {
        title: input.title,
        description: input.description,
        createdById: input.ownerId,
        memberships: { create: { userId: input.ownerId, role: 'owner', canAdjudicate: true } },
        stageSettings: { create: STAGES.map((stage) => ({ stage })) },
        protocol: { create: {} },
      },
    });
    await recordAudit({ reviewId: review.id, actorId: input.ownerId, action: 'review.created', entityType: 'review', entityId: review.id, after: { title: review.title, description: review.description } }, tx);
    return { ...pick(review), role: 'owner' as const, memberCount: 1 };
  });
}

function pick(r: { id: string; title: string; description: string; createdAt: Date; updatedAt: Date }) {
  return { id: r.id, title: r.title, description: r.description, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

export async function listReviewsForUser(userId: string, paging: { limit: number; offset: number }): Promise<{ items: ReviewSummary[]; total: number }> {
  const db = getDb();
  const where = { memberships: { some: { userId } } };
  const [rows, total] = await Promise.all([
    db.review.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: paging.offset,
      take: paging.limit,
      include: { memberships: { where: { userId }, select: { role: true } }, _count: { select: { memberships: true } } },
    }),
    db.review.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({ ...pick(r), role: r.memberships[0].role, memberCount: r._count.memberships })),
    total,
  };
}

/** The review as seen by one member; NotFound for non-members so existence is not revealed. */
export async function getReviewForMember(reviewId: string, userId: string): Promise<ReviewSummary> {
  const r = await getDb().review.findFirst({
    where: { id: reviewId, memberships: { some: { userId } } },
    include: { memberships: { where: { userId }, select: { role: true } }, _count: { select: { memberships: true } } },
  });
  if (!r) throw notFound('Review');
  return { ...pick(r), role: r.memberships[0].role, memberCount: r._count.memberships };
}

/** Asked by nearly every request (permissions): the thin path (lib/db/sql.ts). */
export async function findMembership(reviewId: string, userId: string): Promise<{ role: Role; canAdjudicate: boolean } | null> {
  const rows = await getSql().query<{ role: Role; canAdjudicate: boolean }>(Prisma.sql`
    SELECT m.role::text AS role, m."canAdjudicate" FROM "Membership" m WHERE m."reviewId" = ${reviewId}::uuid AND m."userId" = ${userId}::uuid`);
  return rows[0] ?? null;
}

export async function listMembers(reviewId: string): Promise<MemberSummary[]> {
  const rows = await getDb().membership.findMany({
    where: { reviewId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toMember);
}

function toMember(m: { userId: string; role: Role; canAdjudicate: boolean; createdAt: Date; user: { name: string; email: string } }): MemberSummary {
  return { userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, canAdjudicate: m.canAdjudicate, joinedAt: m.createdAt };
}

/**
 * Membership changes of one review are serialised: "a review keeps at least one owner" is a
 * read-then-write rule that two owners demoting themselves at once would otherwise both pass.
 */
async function lockMemberships(tx: Tx, reviewId: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`members:${reviewId}`}))) AS l`;
}

export async function insertMember(input: { reviewId: string; userId: string; role: Role; actorId: string }): Promise<MemberSummary> {
  return getDb().$transaction(async (tx) => {
    await lockMemberships(tx, input.reviewId);
    const existing = await tx.membership.findUnique({ where: { reviewId_userId: { reviewId: input.reviewId, userId: input.userId } } });
    if (existing) throw conflict('This person is already a member of the review.');
    const m = await tx.membership.create({
      data: { reviewId: input.reviewId, userId: input.userId, role: input.role, canAdjudicate: input.role === 'owner' },
      include: { user: { select: { name: true, email: true } } },
    });
    await recordAudit({ reviewId: input.reviewId, actorId: input.actorId, action: 'member.added', entityType: 'membership', entityId: input.userId, after: { email: m.user.email, role: m.role } }, tx);
    return toMember(m);
  });
}

/** Changes a member's role or adjudicator right; a review always keeps at least one owner. */
export async function updateMember(input: { reviewId: string; userId: string; role?: Role; canAdjudicate?: boolean; actorId: string }): Promise<MemberSummary> {
  return getDb().$transaction(async (tx) => {
    await lockMemberships(tx, input.reviewId);
    const m = await tx.membership.findUnique({ where: { reviewId_userId: { reviewId: input.reviewId, userId: input.userId } } });
    if (!m) throw notFound('Member');
    if (m.role === 'owner' && input.role && input.role !== 'owner') await assertAnotherOwner(tx, input.reviewId, input.userId);
    const updated = await tx.membership.update({
      where: { id: m.id },
      data: { role: input.role, canAdjudicate: input.canAdjudicate },
      include: { user: { select: { name: true, email: true } } },
    });
    await recordAudit({ reviewId: input.reviewId, actorId: input.actorId, action: 'member.updated', entityType: 'membership', entityId: input.userId, before: { role: m.role, canAdjudicate: m.canAdjudicate }, after: { role: updated.role, canAdjudicate: updated.canAdjudicate } }, tx);
    return toMember(updated);
  });
}

/** Removes a member. Their decisions stay, attributed to them (they are the review's history). */
export async function deleteMember(input: { reviewId: string; userId: string; actorId: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await lockMemberships(tx, input.reviewId);
    const m = await tx.membership.findUnique({ where: { reviewId_userId: { reviewId: input.reviewId, userId: input.userId } }, include: { user: { select: { email: true } } } });
    if (!m) throw notFound('Member');
    if (m.role === 'owner') await assertAnotherOwner(tx, input.reviewId, input.userId);
    await tx.membership.delete({ where: { id: m.id } });
    // Their decisions stay (attributed); records reserved for them go back to everyone's queue.
    await tx.assignment.deleteMany({ where: { reviewId: input.reviewId, reviewerId: input.userId } });
    await tx.screeningLease.deleteMany({ where: { reviewId: input.reviewId, reviewerId: input.userId } });
    await recordAudit({ reviewId: input.reviewId, actorId: input.actorId, action: 'member.removed', entityType: 'membership', entityId: input.userId, before: { email: m.user.email, role: m.role } }, tx);
  });
}

async function assertAnotherOwner(tx: Tx, reviewId: string, userId: string) {
  const owners = await tx.membership.count({ where: { reviewId, role: 'owner', userId: { not: userId } } });
  if (owners === 0) throw conflict('A review needs at least one owner: make someone else an owner first.');
}

export async function listAllReviews(): Promise<Array<{ id: string; title: string; createdAt: Date; owners: string[]; members: number }>> {
  const rows = await getDb().review.findMany({
    orderBy: { createdAt: 'asc' },
    include: { memberships: { include: { user: { select: { email: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.createdAt,
    owners: r.memberships.filter((m) => m.role === 'owner').map((m) => m.user.email),
    members: r.memberships.length,
  }));
}
