/** Append-only audit trail (the database refuses UPDATE/DELETE on AuditEvent). */
import type { Prisma } from './generated/client';
import { getDb, type Tx } from './client';

export interface AuditEntry {
  reviewId?: string | null;
  actorId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

function toJson(v: unknown): Prisma.InputJsonValue | undefined {
  return v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);
}

/** Records one event; pass the transaction so the event commits with the change it describes. */
export async function recordAudit(entry: AuditEntry, tx: Tx = getDb()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      reviewId: entry.reviewId ?? null,
      actorId: entry.actorId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

export interface AuditEventView {
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actorId: string | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export async function listAuditEvents(input: { reviewId: string; action?: string; order?: 'asc' | 'desc'; limit: number; offset: number }): Promise<{ items: AuditEventView[]; total: number }> {
  const where = { reviewId: input.reviewId, ...(input.action ? { action: { startsWith: input.action } } : {}) };
  const [rows, total] = await Promise.all([
    getDb().auditEvent.findMany({ where, orderBy: { id: input.order ?? 'asc' }, skip: input.offset, take: input.limit, include: { actor: { select: { name: true } } } }),
    getDb().auditEvent.count({ where }),
  ]);
  return {
    total,
    items: rows.map((e) => ({
      id: e.id.toString(), action: e.action, entityType: e.entityType, entityId: e.entityId, actorId: e.actorId, actorName: e.actor?.name ?? null,
      before: e.before, after: e.after, createdAt: e.createdAt,
    })),
  };
}
