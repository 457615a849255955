/** Listing decisions with their record's title, for "My decisions" and (when unblinded) the team's. */
import type { Stage } from '../domain/screening/stage-outcome';
import { getDb } from './client';
import type { DecisionValue, Prisma } from './generated/client';

export interface DecisionListItem {
  id: string;
  recordId: string;
  stage: Stage;
  reviewerId: string;
  reviewerName: string;
  value: DecisionValue;
  reasonId: string | null;
  reasonLabel: string | null;
  note: string;
  protocolVersion: number;
  createdAt: Date;
  updatedAt: Date;
  record: { title: string; year: number | null; journal: string | null; pmid: string | null; doi: string | null };
  revisions: number;
}

export async function listDecisions(input: {
  reviewId: string;
  stage: Stage;
  reviewerId?: string;
  value?: DecisionValue;
  q?: string;
  limit: number;
  offset: number;
}): Promise<{ items: DecisionListItem[]; total: number }> {
  const where: Prisma.DecisionWhereInput = {
    reviewId: input.reviewId,
    stage: input.stage,
    ...(input.reviewerId ? { reviewerId: input.reviewerId } : {}),
    ...(input.value ? { value: input.value } : {}),
    ...(input.q ? { record: { title: { contains: input.q, mode: 'insensitive' } } } : {}),
  };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.decision.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: input.offset,
      take: input.limit,
      include: {
        record: { select: { title: true, year: true, journal: true, pmid: true, doi: true } },
        reviewer: { select: { name: true } },
        reason: { select: { label: true } },
        _count: { select: { revisions: true } },
      },
    }),
    db.decision.count({ where }),
  ]);
  return {
    items: rows.map((d) => ({
      id: d.id, recordId: d.recordId, stage: d.stage, reviewerId: d.reviewerId, reviewerName: d.reviewer.name, value: d.value,
      reasonId: d.reasonId, reasonLabel: d.reason?.label ?? null, note: d.note, protocolVersion: d.protocolVersion,
      createdAt: d.createdAt, updatedAt: d.updatedAt, record: d.record, revisions: d._count.revisions,
    })),
    total,
  };
}
