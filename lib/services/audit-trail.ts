/**
 * The audit trail for owners, browsable and exportable. Blinding holds here too: while a stage is
 * blinded, what other reviewers decided at that stage is redacted (the event stays, with who and when).
 */
import { toCsv } from '../domain/export/to-csv';
import { listAuditEvents, type AuditEventView } from '../db/audit';
import { listStageSettings } from '../db/stage-settings';
import { auditQuerySchema } from '../schemas/dual-screening';
import { requireReviewRole } from './permissions';

function stageOf(e: AuditEventView): string | undefined {
  const payload = (e.after ?? e.before) as { stage?: string } | null;
  return payload?.stage;
}

export async function browseAudit(userId: string, reviewId: string, query: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  const q = auditQuerySchema.parse(query);
  const [page, settings] = await Promise.all([listAuditEvents({ reviewId, ...q }), listStageSettings(reviewId)]);
  const blinded = new Set(settings.filter((s) => s.isBlinded).map((s) => s.stage as string));
  const items = page.items.map((e) => {
    const stage = stageOf(e);
    if (e.action.startsWith('decision.') && stage && blinded.has(stage) && e.actorId !== userId) {
      // The decision's id too: it would let a caller match the event to a decision revealed later.
      return { ...e, entityId: null, before: e.before ? { redacted: 'blinded stage', stage } : null, after: e.after ? { redacted: 'blinded stage', stage } : null };
    }
    return e;
  });
  return { items, total: page.total, limit: q.limit, offset: q.offset };
}

export async function auditCsv(userId: string, reviewId: string): Promise<string> {
  const rows: AuditEventView[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await browseAudit(userId, reviewId, { limit: 1000, offset });
    rows.push(...page.items);
    if (offset + 1000 >= page.total) break;
  }
  return toCsv(
    ['id', 'when', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after'],
    rows.map((e) => [e.id, e.createdAt, e.actorName ?? '', e.action, e.entityType, e.entityId ?? '', e.before ? JSON.stringify(e.before) : '', e.after ? JSON.stringify(e.after) : '']),
  );
}
