/**
 * Recording a reviewer's decision (decisions 004, 009, 012): a first title/abstract decision in one
 * statement, other first decisions in two (read, then write if nothing changed), and changes of
 * decision in a transaction holding the record's lock. Every path leaves the record's stage state
 * where computeStageOutcome puts it, and writes its audit event.
 */
import { randomUUID } from 'node:crypto';
import { computeStageOutcome, type Stage } from '../domain/screening/stage-outcome';
import { firstDecisionOutcomeTable } from '../domain/screening/outcome-table';
import { conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb, getSql } from './client';
import { prismaRunner, type SqlRunner } from './sql';
import { Prisma, type DecisionValue, type Role } from './generated/client';
import { decisionSelect, lockRecordStage, type DecisionView } from './screening';

export interface SaveDecisionInput {
  reviewId: string;
  recordId: string;
  reviewerId: string;
  stage: Stage;
  value: DecisionValue;
  reasonId: string | null;
  note: string;
  /** undefined keeps the checklist a changed decision already had. */
  checklist: Record<string, string> | null | undefined;
  /**
   * Checks the reviewer's role in the review (null: not a member), read with the record in the
   * same query; throws to refuse. Left out when the caller already checked it.
   */
  authorize?: (role: Role | null) => void;
  /**
   * The roles that may decide. Given, a first title/abstract decision is read, checked and written
   * in one statement (`tryFirstDecisionInOne`) that writes only for a member with one of these roles.
   */
  roles?: Role[];
}

export interface SaveDecisionResult {
  decision: DecisionView;
  /** 'created', 'changed', or 'unchanged' (a repeated submission). */
  effect: 'created' | 'changed' | 'unchanged';
  decisionsCount: number;
  required: number;
}

interface DecisionContextRow {
  /** The deciding reviewer's role in the review, null when not a member. */
  memberRole: Role | null;
  /** Null when the record is not in this review (the row then only carries memberRole). */
  recordId: string | null;
  removedReason: string | null;
  duplicateOfId: string | null;
  taOutcome: string | null;
  requiredDecisions: number | null;
  protocolVersion: number | null;
  hasResolution: boolean;
  resolutionValue: DecisionValue | null;
  resolutionReasonId: string | null;
  /** One row per decision already on the record at this stage; all null when there is none. */
  id: string | null;
  reviewerId: string | null;
  value: DecisionValue | null;
  reasonId: string | null;
  note: string | null;
  checklist: unknown;
  decisionProtocolVersion: number | null;
  /** The stage state row's version (`xmin`), or null when the record has none at this stage. */
  stateVersion: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * Everything a decision is checked against, read in one query (before the optimistic write, or
 * once the record's lock is held): the reviewer's role, the record, its title/abstract outcome, the stage's required count, the protocol version, the
 * resolution and the decisions already made. Empty when the record is not in this review.
 */
async function readDecisionContext(runner: SqlRunner, reviewId: string, recordId: string, reviewerId: string, stage: Stage): Promise<DecisionContextRow[]> {
  return runner.query<DecisionContextRow>(decisionContextSql(reviewId, recordId, reviewerId, stage));
}

function decisionContextSql(reviewId: string, recordId: string, reviewerId: string, stage: Stage): Prisma.Sql {
  const stageSql = Prisma.sql`${stage}::"Stage"`;
  return Prisma.sql`
    SELECT m.role::text AS "memberRole", c.* FROM (SELECT 1) AS one
    LEFT JOIN "Membership" m ON m."reviewId" = ${reviewId}::uuid AND m."userId" = ${reviewerId}::uuid
    LEFT JOIN LATERAL (
      SELECT r.id AS "recordId", r."removedReason"::text AS "removedReason", r."duplicateOfId",
        (SELECT t.outcome::text FROM "ScreeningState" t WHERE t."recordId" = r.id AND t.stage = 'title_abstract') AS "taOutcome",
        (SELECT st."requiredDecisions" FROM "ReviewStageSetting" st WHERE st."reviewId" = r."reviewId" AND st.stage = ${stageSql}) AS "requiredDecisions",
        (SELECT p.version FROM "Protocol" p WHERE p."reviewId" = r."reviewId") AS "protocolVersion",
        (SELECT s.xmin::text FROM "ScreeningState" s WHERE s."recordId" = r.id AND s.stage = ${stageSql}) AS "stateVersion",
        (res.id IS NOT NULL) AS "hasResolution", res.value::text AS "resolutionValue", res."reasonId" AS "resolutionReasonId",
        d.id, d."reviewerId", d.value::text AS value, d."reasonId", d.note, d.checklist, d."protocolVersion" AS "decisionProtocolVersion", d."createdAt", d."updatedAt"
      FROM "Record" r
      LEFT JOIN "Resolution" res ON res."recordId" = r.id AND res.stage = ${stageSql}
      LEFT JOIN "Decision" d ON d."recordId" = r.id AND d.stage = ${stageSql}
      WHERE r.id = ${recordId}::uuid AND r."reviewId" = ${reviewId}::uuid
    ) AS c ON true`;
}

/** What the context says about the decision about to be made: refusals, and what it builds on. */
function assessContext(input: SaveDecisionInput, rows: DecisionContextRow[]) {
  const { recordId, reviewerId, stage } = input;
  input.authorize?.(rows[0]?.memberRole ?? null);
  const ctx = rows[0];
  if (!ctx?.recordId) throw notFound('Record');
  if (ctx.removedReason === 'duplicate') {
    throw conflict(`This record was merged as a duplicate of record ${ctx.duplicateOfId}; screen that record instead.`, { survivorId: ctx.duplicateOfId });
  }
  if (ctx.removedReason) throw conflict('This record was removed before screening and cannot be screened.');
  if (stage === 'full_text' && ctx.taOutcome !== 'included') {
    throw conflict('This record has not passed title/abstract screening, so there is no full text to assess yet.');
  }
  const required = ctx.requiredDecisions ?? 2;
  const others = rows.filter((r) => r.id && r.reviewerId !== reviewerId);
  const mine = rows.find((r) => r.id && r.reviewerId === reviewerId);
  const existing: DecisionView | null = mine
    ? {
        id: mine.id!, recordId, stage, reviewerId, value: mine.value!, reasonId: mine.reasonId, note: mine.note ?? '',
        checklist: mine.checklist ?? null, protocolVersion: mine.decisionProtocolVersion!, createdAt: mine.createdAt!, updatedAt: mine.updatedAt!,
      }
    : null;
  const wanted = input.checklist === undefined ? ((existing?.checklist as Record<string, string> | null | undefined) ?? null) : input.checklist;
  const count = others.length + (existing ? 1 : 0);
  if (!existing && (ctx.hasResolution || count >= required)) {
    throw conflict(`This record already has the ${required} independent decision(s) it needs at this stage.`);
  }
  const protocolVersion = ctx.protocolVersion ?? 1;
  // The record's state with this decision, computed before writing it (pure domain logic).
  const state = computeStageOutcome({
    stage,
    required,
    decisions: [...others.map((o) => ({ reviewerId: o.reviewerId!, value: o.value!, reasonId: o.reasonId })), { reviewerId, value: input.value, reasonId: input.reasonId }],
    resolution: ctx.hasResolution && ctx.resolutionValue !== 'maybe' ? { value: ctx.resolutionValue!, reasonId: ctx.resolutionReasonId } : null,
  });
  return { ctx, required, existing, wanted, count, protocolVersion, state };
}

function isUnchanged(existing: DecisionView, input: SaveDecisionInput, wanted: unknown): boolean {
  return existing.value === input.value && existing.reasonId === input.reasonId && existing.note === input.note
    && JSON.stringify(existing.checklist ?? null) === JSON.stringify(wanted ?? null);
}

/** How often a first decision is re-read and re-tried when the record changed under it. */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * Stores a reviewer's decision (or changes it), keeping the previous version as a revision.
 *
 * A first decision, what reviewers do every few seconds and many at once, takes no transaction: at
 * title/abstract one statement that reads the context and writes (decision 012), at full text two
 * (decision 009: read the context, then write). Either writes only if the record's stage state is
 * still the version read (its `xmin`) and no locked writer holds the record
 * (`pg_try_advisory_xact_lock`). A concurrent decision, withdrawal,
 * resolution or settings change updates that state row, so the write then does nothing and the
 * decision is re-read and re-tried. Changes to one's own decision, and first decisions that keep
 * losing the race, go through the locked transaction.
 */
export async function saveDecision(input: SaveDecisionInput): Promise<SaveDecisionResult> {
  const inOne = input.stage === 'title_abstract' && !!input.roles?.length;
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    const result = inOne ? await tryFirstDecisionInOne(input) : await tryFirstDecision(input);
    if (result === 'locked') break;
    if (result !== 'retry') return result;
  }
  return saveDecisionLocked(input);
}

/**
 * A first decision in one statement: `claim` writes the record's stage state and returns its
 * recordId; only if it does are the decision, the end of the reviewer's lease on the record
 * (lib/db/screening-queue.ts) and the audit event written. Returns the decision, or no row.
 */
function firstDecisionStatement(input: SaveDecisionInput, wanted: unknown, claim: Prisma.Sql, wrap: { before?: Prisma.Sql; select?: Prisma.Sql } = {}): Prisma.Sql {
  const { reviewId, reviewerId, stage } = input;
  const id = randomUUID();
  return Prisma.sql`
    WITH ${wrap.before ? Prisma.sql`${wrap.before},` : Prisma.empty}
    claimed AS (${claim}),
    created AS (
      INSERT INTO "Decision" (id, "reviewId", "recordId", stage, "reviewerId", value, "reasonId", note, checklist, "protocolVersion", "updatedAt")
      SELECT ${id}::uuid, ${reviewId}::uuid, c."recordId", ${stage}::"Stage", ${reviewerId}::uuid, ${input.value}::"DecisionValue",
             ${input.reasonId}::uuid, ${input.note}, ${wanted === null ? null : JSON.stringify(wanted)}::jsonb, c."protocolVersion", now()
      FROM claimed c
      RETURNING id, "recordId", stage::text AS stage, "reviewerId", value::text AS value, "reasonId", note, checklist, "protocolVersion", "createdAt", "updatedAt"
    ),
    released AS (
      DELETE FROM "ScreeningLease" l USING claimed c WHERE l."recordId" = c."recordId" AND l.stage = ${stage}::"Stage" AND l."reviewerId" = ${reviewerId}::uuid
    ),
    audit AS (
      INSERT INTO "AuditEvent" ("reviewId", "actorId", action, "entityType", "entityId", after)
      SELECT ${reviewId}::uuid, ${reviewerId}::uuid, 'decision.created', 'decision', ${id},
             jsonb_build_object('recordId', c."recordId", 'stage', ${stage}::text, 'value', ${input.value}::text, 'reasonId', ${input.reasonId}::text,
                                'note', ${input.note}::text, 'protocolVersion', c."protocolVersion")
      FROM claimed c
    )
    ${wrap.select ?? Prisma.sql`SELECT * FROM created`}`;
}

async function tryFirstDecision(input: SaveDecisionInput): Promise<SaveDecisionResult | 'retry' | 'locked'> {
  const { reviewId, recordId, reviewerId, stage } = input;
  const sql = getSql();
  const rows = await readDecisionContext(sql, reviewId, recordId, reviewerId, stage);
  const a = assessContext(input, rows);
  const version = rows[0]!.stateVersion;
  if (a.existing) {
    // The same submission again (a double click, a retried request): answered from what was read.
    return isUnchanged(a.existing, input, a.wanted) ? { decision: a.existing, effect: 'unchanged', decisionsCount: a.count, required: a.required } : 'locked';
  }
  if (version === null) return 'locked';
  // The state row is claimed only if it is still the version read and no locked writer holds it.
  const [decision] = await sql.query<DecisionView>(firstDecisionStatement(input, a.wanted, Prisma.sql`
    UPDATE "ScreeningState" s SET "decisionsCount" = ${a.state.decisionsCount}, outcome = ${a.state.outcome}::"ScreeningOutcome", "updatedAt" = now()
    WHERE s."recordId" = ${recordId}::uuid AND s.stage = ${stage}::"Stage" AND s.xmin = ${version}::text::xid
      AND pg_try_advisory_xact_lock(hashtext(${`${recordId}:${stage}`}))
    RETURNING s."recordId", ${a.protocolVersion}::int AS "protocolVersion"`));
  return decision ? { decision, effect: 'created', decisionsCount: a.state.decisionsCount, required: a.required } : 'retry';
}

/**
 * The stage's required count last seen per review and stage: the one-statement decision is
 * written for one count (its outcome table), and writes only if the stage still needs that count.
 * A hint, not an authority: a stale one costs one more statement, never a wrong answer.
 */
const requiredSeen = new Map<string, number>();

interface InOneRow extends DecisionContextRow {
  /** Set when this statement wrote the decision. */
  newId: string | null;
  newProtocolVersion: number | null;
  newCreatedAt: Date | null;
  newUpdatedAt: Date | null;
  newDecisionsCount: number | null;
}

/**
 * A first title/abstract decision in ONE statement (decision 012): the context of
 * readDecisionContext is read, checked and written on in the same statement, so a decision is one
 * round trip and nothing can come between the read and the write on PGlite's single connection.
 * It writes only if the caller has one of `roles`, the record is in the review and not removed,
 * nobody resolved it, the caller has no decision on it yet, it has fewer decisions than the stage
 * needs (the count the statement was written for), and its stage state is still the version read
 * with no locked writer holding it. Otherwise nothing is written and the rows read say why: refusals
 * are then given by assessContext, as on the other paths.
 */
async function tryFirstDecisionInOne(input: SaveDecisionInput): Promise<SaveDecisionResult | 'retry' | 'locked'> {
  const { reviewId, recordId, reviewerId, stage } = input;
  const hintKey = `${reviewId}:${stage}`;
  const required = requiredSeen.get(hintKey) ?? 2;
  const wanted = input.checklist ?? null;
  const table = firstDecisionOutcomeTable(required, input.value);
  const stageSql = Prisma.sql`${stage}::"Stage"`;
  const rows = await getSql().query<InOneRow>(firstDecisionStatement(input, wanted, Prisma.sql`
      UPDATE "ScreeningState" s SET "decisionsCount" = g.n, outcome = g.outcome::"ScreeningOutcome", "updatedAt" = now()
      FROM go g
      WHERE s."recordId" = g."recordId" AND s.stage = ${stageSql} AND s.xmin = g."stateVersion"::xid
        AND pg_try_advisory_xact_lock(hashtext(${`${recordId}:${stage}`}))
      RETURNING s."recordId", g."protocolVersion", g.n`, {
    before: Prisma.sql`
    ctx AS MATERIALIZED (${decisionContextSql(reviewId, recordId, reviewerId, stage)}),
    tally AS (
      SELECT count(*) FILTER (WHERE value = 'include')::int AS include, count(*) FILTER (WHERE value = 'maybe')::int AS maybe,
             count(*) FILTER (WHERE value = 'exclude')::int AS exclude, COALESCE(bool_or("reviewerId" = ${reviewerId}::uuid), false) AS mine
      FROM ctx WHERE id IS NOT NULL
    ),
    go AS (
      SELECT h."recordId", COALESCE(h."protocolVersion", 1)::int AS "protocolVersion", h."stateVersion", o.outcome,
             (t.include + t.maybe + t.exclude + 1)::int AS n
      FROM (SELECT * FROM ctx LIMIT 1) h
      CROSS JOIN tally t
      JOIN unnest(${table.keys}::text[], ${table.outcomes}::text[]) AS o(k, outcome) ON o.k = t.include || ':' || t.maybe || ':' || t.exclude
      WHERE h."memberRole" = ANY(${input.roles ?? []}::text[]) AND h."recordId" IS NOT NULL AND h."removedReason" IS NULL
        AND COALESCE(h."requiredDecisions", 2) = ${required}::int AND NOT h."hasResolution" AND NOT t.mine AND h."stateVersion" IS NOT NULL
    )`,
    select: Prisma.sql`
    SELECT x.*, cr.id AS "newId", cr."protocolVersion" AS "newProtocolVersion", cr."createdAt" AS "newCreatedAt", cr."updatedAt" AS "newUpdatedAt",
           (SELECT n FROM claimed) AS "newDecisionsCount"
    FROM ctx x LEFT JOIN created cr ON true`,
  }));
  const head = rows[0];
  if (head?.newId) {
    input.authorize?.(head.memberRole);
    const decision: DecisionView = {
      id: head.newId, recordId, stage, reviewerId, value: input.value, reasonId: input.reasonId, note: input.note, checklist: wanted,
      protocolVersion: head.newProtocolVersion!, createdAt: head.newCreatedAt!, updatedAt: head.newUpdatedAt!,
    };
    return { decision, effect: 'created', decisionsCount: head.newDecisionsCount!, required };
  }
  // Nothing written: refuse for what was read, as the other paths do.
  const a = assessContext(input, rows);
  if (a.existing) {
    return isUnchanged(a.existing, input, a.wanted) ? { decision: a.existing, effect: 'unchanged', decisionsCount: a.count, required: a.required } : 'locked';
  }
  if (a.required !== required) {
    requiredSeen.set(hintKey, a.required);
    return 'retry';
  }
  return head?.stateVersion == null ? 'locked' : 'retry';
}

async function saveDecisionLocked(input: SaveDecisionInput): Promise<SaveDecisionResult> {
  const { reviewId, recordId, reviewerId, stage } = input;
  return getDb().$transaction(async (tx) => {
    await lockRecordStage(tx, recordId, stage);
    const rows = await readDecisionContext(prismaRunner(tx), reviewId, recordId, reviewerId, stage);
    const assessed = assessContext(input, rows);
    const { existing, wanted, count, required, protocolVersion, state } = assessed;
    const checklist = wanted ?? Prisma.DbNull;
    if (existing) {
      if (isUnchanged(existing, input, wanted)) return { decision: existing, effect: 'unchanged', decisionsCount: count, required };
      await tx.decisionRevision.create({
        data: { decisionId: existing.id, reviewId, value: existing.value, reasonId: existing.reasonId, note: existing.note, protocolVersion: existing.protocolVersion, decidedAt: existing.updatedAt },
      });
    }
    if (!existing) {
      // A first decision whose record has no stage state row yet (or that lost the optimistic
      // race repeatedly): the decision, the state, the end of the reviewer's lease on the record
      // (lib/db/screening-queue.ts) and the audit event in one statement, under the lock.
      const [decision] = await prismaRunner(tx).query<DecisionView>(firstDecisionStatement(input, wanted, Prisma.sql`
        INSERT INTO "ScreeningState" ("reviewId", "recordId", stage, "decisionsCount", outcome, "updatedAt")
        VALUES (${reviewId}::uuid, ${recordId}::uuid, ${stage}::"Stage", ${state.decisionsCount}, ${state.outcome}::"ScreeningOutcome", now())
        ON CONFLICT ("recordId", stage) DO UPDATE SET "decisionsCount" = EXCLUDED."decisionsCount", outcome = EXCLUDED.outcome, "updatedAt" = now()
        RETURNING "recordId", ${protocolVersion}::int AS "protocolVersion"`));
      return { decision, effect: 'created', decisionsCount: state.decisionsCount, required };
    }
    const after = { recordId, stage, value: input.value, reasonId: input.reasonId, note: input.note, protocolVersion };
    const decision = await tx.decision.update({ where: { id: existing.id }, data: { value: input.value, reasonId: input.reasonId, note: input.note, checklist, protocolVersion }, select: decisionSelect });
    await tx.screeningState.upsert({
      where: { recordId_stage: { recordId, stage } },
      create: { reviewId, recordId, stage, decisionsCount: state.decisionsCount, outcome: state.outcome },
      update: { decisionsCount: state.decisionsCount, outcome: state.outcome },
    });
    await recordAudit({
      reviewId, actorId: reviewerId, action: 'decision.changed', entityType: 'decision', entityId: decision.id,
      before: { value: existing.value, reasonId: existing.reasonId, note: existing.note }, after,
    }, tx);
    return { decision, effect: 'changed', decisionsCount: state.decisionsCount, required };
  });
}
