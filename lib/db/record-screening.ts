/**
 * Where records stand in screening, for record lists: each stage's outcome, how many decisions it
 * has, and at full text the reason that reports an exclusion (PRISMA: "reports excluded, with
 * reasons", each report once, under its final reason). Who may see this is the service's rule
 * (decision 005); this module only reads.
 */
import type { ReasonKind, ScreeningOutcome, Stage } from './generated/client';
import { getDb } from './client';

/** `kind: not_retrieved` is "full text not retrievable": a PRISMA report not retrieved, not an exclusion. */
export interface Reason {
  id: string;
  label: string;
  kind: ReasonKind;
}
const REASON = { id: true, label: true, kind: true } as const;

export interface StageStanding {
  outcome: ScreeningOutcome;
  decisions: number;
  /** Full text, excluded: the reason that reports the exclusion (the resolution's, else the one the decisions agree on). */
  reason?: Reason | null;
}

export type RecordStanding = Partial<Record<Stage, StageStanding | null>>;

/**
 * Standings of `recordIds` at `stages`. A stage a record has not reached (full text before it
 * passed title/abstract) or a record removed before screening (a duplicate) stands at null.
 */
export async function recordStandings(reviewId: string, recordIds: string[], stages: Stage[], removed: ReadonlySet<string> = new Set()): Promise<Map<string, RecordStanding>> {
  const result = new Map<string, RecordStanding>(recordIds.map((id) => [id, Object.fromEntries(stages.map((s) => [s, null]))]));
  if (!recordIds.length || !stages.length) return result;
  const db = getDb();
  const states = await db.screeningState.findMany({
    where: { reviewId, recordId: { in: recordIds }, stage: { in: stages } },
    select: { recordId: true, stage: true, outcome: true, decisionsCount: true },
  });
  const excludedAtFullText = states.filter((s) => s.stage === 'full_text' && s.outcome === 'excluded').map((s) => s.recordId);
  const reasons = await exclusionReasons(reviewId, excludedAtFullText);
  for (const s of states) {
    if (removed.has(s.recordId)) continue;
    const standing: StageStanding = { outcome: s.outcome, decisions: s.decisionsCount };
    if (s.stage === 'full_text') standing.reason = s.outcome === 'excluded' ? (reasons.get(s.recordId) ?? null) : null;
    result.get(s.recordId)![s.stage] = standing;
  }
  return result;
}

/** The reporting reason of full-text exclusions: a resolution's reason wins over the decisions'. */
async function exclusionReasons(reviewId: string, recordIds: string[]): Promise<Map<string, Reason>> {
  const found = new Map<string, Reason>();
  if (!recordIds.length) return found;
  const db = getDb();
  const [resolutions, decisions] = await Promise.all([
    db.resolution.findMany({ where: { reviewId, stage: 'full_text', recordId: { in: recordIds }, reasonId: { not: null } }, select: { recordId: true, reason: { select: REASON } } }),
    // Without a resolution the exclusion was agreed, and different reasons are a conflict, so
    // every exclusion of the record names the same reason.
    db.decision.findMany({ where: { reviewId, stage: 'full_text', recordId: { in: recordIds }, value: 'exclude', reasonId: { not: null } }, select: { recordId: true, reason: { select: REASON } } }),
  ]);
  for (const d of decisions) if (d.reason) found.set(d.recordId, d.reason);
  for (const r of resolutions) if (r.reason) found.set(r.recordId, r.reason);
  return found;
}
