/**
 * A reviewer's queue at a stage: records that still need decisions, that this reviewer has not
 * decided, and that enough other reviewers are not already looking at. Order: records assigned to
 * them; then records waiting for their last decisions (most decisions first), so pairs complete
 * early; then untouched records, most relevant first once the ranking model has scored them
 * (ScreeningState.priority), else import order (ScreeningState.seq).
 *
 * Why it is fast at 100,000 records (decision 006): every screenable record has a ScreeningState
 * row (triggers in the migrations), so each part of the queue is a range of one index —
 * (reviewId, stage, outcome, decisionsCount, priority DESC, seq) — walked in order until enough
 * rows pass the per-row checks. Nothing scans the review's records.
 *
 * Leases spread reviewers: the records served to a reviewer (and the ones their screen still holds)
 * are leased to them for a while; a record counts as taken when its decisions plus other reviewers'
 * live leases reach the number it needs. Ten reviewers asking at the same moment get different
 * records instead of all deciding the first one and eight being refused.
 */
import type { Stage } from '../domain/screening/stage-outcome';
import { getDb, getSql } from './client';
import type { Role } from './generated/enums';
import { Prisma } from './generated/client';
import { AppError } from '../errors';
import { screeningRecordSelect, toScreeningRecord, type ScreeningRecord } from './screening-records';

/** How long a served record stays reserved for a reviewer who neither decides it nor asks again. */
export const LEASE_MINUTES = 15;

interface QueueInput {
  reviewId: string;
  reviewerId: string;
  stage: Stage;
  required: number;
}

/**
 * The stage and the small counts are written into the statement rather than sent as parameters:
 * the statement is prepared once per connection (lib/db/sql.ts), and a plan made for "any stage,
 * any count" walks the wrong index (measured: 3 ms → 10 ms). They come from code, never from input.
 */
function stageLiteral(stage: Stage): Prisma.Sql {
  if (stage !== 'title_abstract' && stage !== 'full_text') throw new Error(`unknown stage ${String(stage)}`);
  return Prisma.raw(`'${stage}'::"Stage"`);
}
function intLiteral(n: number): Prisma.Sql {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return Prisma.raw(String(n));
}

/**
 * Checks every candidate row `s` passes, whichever part of the queue it comes from.
 *
 * Each check is a per-row subquery ending in `OFFSET 0`, which PostgreSQL never turns into a join
 * (an EXISTS with an OFFSET is not pulled up). Without it, once the tables had statistics (after
 * ANALYZE) the planner turned "the record is not removed" into a join driven by every record of
 * the review: up to 164 ms instead of 0.7 ms, and a pick lock taken on all 9,600 candidates instead of
 * one. With it, the only scan is the ordered walk of the queue index that stops at LIMIT.
 */
function candidateChecks({ reviewerId, stage, required }: QueueInput, skip: string[], respectLeases: boolean): Prisma.Sql {
  const stageSql = stageLiteral(stage);
  const leases = Prisma.sql`
    AND s."decisionsCount" + (
      SELECT COUNT(*) FROM "ScreeningLease" l
      WHERE l."recordId" = s."recordId" AND l.stage = ${stageSql} AND l."reviewerId" <> ${reviewerId}::uuid AND l."expiresAt" > now()
        -- A reviewer who already decided it is counted once, by the decision.
        AND NOT EXISTS (SELECT 1 FROM "Decision" o WHERE o."recordId" = l."recordId" AND o.stage = l.stage AND o."reviewerId" = l."reviewerId")
    ) < ${intLiteral(required)}`;
  return Prisma.sql`
    AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = s."recordId" AND d.stage = ${stageSql} AND d."reviewerId" = ${reviewerId}::uuid OFFSET 0)
    ${respectLeases ? leases : Prisma.empty}
    AND EXISTS (SELECT 1 FROM "Record" r WHERE r.id = s."recordId" AND r."removedReason" IS NULL OFFSET 0)
    ${passedTitleAbstract(stage, Prisma.raw('s."recordId"'))}
    ${skip.length ? Prisma.sql`AND s."recordId" <> ALL(${skip}::uuid[])` : Prisma.empty}
    ${respectLeases ? Prisma.sql`AND pg_try_advisory_xact_lock(${PICK_LOCK_CLASS}, hashtext(s."recordId"::text || ${stageSql}::text))` : Prisma.empty}`;
}

/**
 * Two reviewers asking at the same instant cannot see each other's new lease (neither statement
 * has committed) and were often served the same record awaiting its last decision, one decision
 * then being refused: 14% of decisions with 20 requests in flight (bench). Each statement now
 * holds the records it looks at until it commits, and a concurrent one passes over them: 2.4%.
 * Not zero: a statement that started before another committed still reads without its lease.
 * Advisory locks write no WAL, so "next" still commits without a disk flush. Own lock space.
 */
const PICK_LOCK_CLASS = Prisma.raw('7301');

/**
 * At full text, only records whose title/abstract outcome is "included" (a full-text row can outlive
 * a changed title/abstract decision once someone has assessed it); nothing at title/abstract.
 */
export function passedTitleAbstract(stage: Stage, recordId: Prisma.Sql): Prisma.Sql {
  return stage === 'full_text'
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ScreeningState" t WHERE t."recordId" = ${recordId} AND t.stage = 'title_abstract' AND t.outcome = 'included' OFFSET 0)`
    : Prisma.empty;
}

const RECORD_COLUMNS = Prisma.raw(Object.keys(screeningRecordSelect).map((k) => `r."${k}"`).join(', '));

/** The caller's role in the review and the stage's required decisions, as read by the queue statement. */
export interface QueueAccess {
  role: Role;
  requiredDecisions: number;
}

/**
 * The stage's required count last seen per review: the queue statement is written for one count
 * (its parts), and checks in the same statement that the count it was written for is the stage's.
 * A hint, not an authority: a stale one costs one more statement, never a wrong answer.
 */
const requiredSeen = new Map<string, number>();

/**
 * Up to `count` next records for a reviewer (the UI prefetches the ones after the current), in ONE
 * statement: read the caller's membership, role and the stage's settings, pick the records, renew
 * the reviewer's leases (exactly the records served plus the ones their screen still holds,
 * `skipRecordIds`), and return the records' fields. Nothing is picked or leased unless the caller's
 * role is one of `roles`; `access` is null for a non-member, and the caller refuses by it. One
 * round trip, because at 20 requests at once every round trip shows in the latency (a separate
 * access query cost ~10% of the throughput, decision 010; a second pick only when everything left
 * is held by others).
 */
export async function nextRecordsForCaller(
  input: Omit<QueueInput, 'required'> & { count?: number; skipRecordIds?: string[]; roles: Role[] },
): Promise<{ access: QueueAccess | null; records: ScreeningRecord[] }> {
  const key = `${input.reviewId}:${input.stage}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const required = requiredSeen.get(key) ?? 2;
    const first = await pickAndLease({ ...input, required }, true, input.roles);
    if (!first.access || !input.roles.includes(first.access.role)) return { access: first.access, records: [] };
    if (first.access.requiredDecisions !== required) {
      // Written for another count: nothing was picked or leased; again with the stage's count.
      requiredSeen.set(key, first.access.requiredDecisions);
      continue;
    }
    if (first.records.length) return first;
    // At the end of a stage everything left may be held by others: better a record someone else may
    // decide first (the decision is then refused, and the screen moves on) than an idle reviewer
    // told "nothing left" while their progress says otherwise.
    const again = await pickAndLease({ ...input, required }, false, input.roles);
    if (again.access?.requiredDecisions === required) return again;
    requiredSeen.set(key, again.access?.requiredDecisions ?? required);
  }
  // The count changed under every attempt (owners editing settings during screening): serve no
  // record this time rather than loop; the screen asks again.
  throw new AppError('conflict', 'The stage settings changed while your next record was being picked; try again.');
}

type QueueRow = Omit<ScreeningRecord, 'authors'> & { authors: unknown; accessRole?: Role | null; accessRequired?: number | null; rank?: unknown };

async function pickAndLease(input: QueueInput & { count?: number; skipRecordIds?: string[] }, respectLeases: boolean, roles: Role[]): Promise<{ access: QueueAccess | null; records: ScreeningRecord[] }> {
  // The thin path (lib/db/sql.ts): this statement runs on every "next", and its plan is the costly part.
  const rows = await getSql().query<QueueRow>(pickStatement(input, respectLeases, roles));
  const head = rows[0];
  const access = head?.accessRole ? { role: head.accessRole, requiredDecisions: head.accessRequired! } : null;
  const records = rows.filter((r) => r.id).map(({ accessRole: _role, accessRequired: _required, rank: _rank, ...record }) => toScreeningRecord(record));
  return { access, records };
}

/**
 * The statement behind pickAndLease (exported for the tests that check what it locks). With
 * `roles`, it first reads the caller's access (`access`), and picks, leases and releases only if the
 * role is one of them and the stage needs the `required` the statement was written for (`allowed`);
 * it then returns one row even when nothing is picked, carrying the access it read.
 */
export function pickStatement(input: QueueInput & { count?: number; skipRecordIds?: string[] }, respectLeases: boolean, roles?: Role[]): Prisma.Sql {
  const { reviewId, reviewerId, stage, required } = input;
  const gate = roles ? Prisma.sql`AND EXISTS (SELECT 1 FROM allowed)` : Prisma.empty;
  const count = intLiteral(input.count ?? 1);
  const skip = input.skipRecordIds ?? [];
  const stageSql = stageLiteral(stage);
  const checks = candidateChecks(input, skip, respectLeases);
  // One part per decisions count, each an ordered walk of the queue index that stops after `count`
  // rows; records assigned to anyone are left to the assigned part.
  const byDecisions: Prisma.Sql[] = [];
  for (let k = required - 1; k >= 0; k--) {
    byDecisions.push(Prisma.sql`
      (SELECT s."recordId", ${intLiteral(required - k)} AS part, s.priority, s.seq
       FROM "ScreeningState" s
       WHERE s."reviewId" = ${reviewId}::uuid AND s.stage = ${stageSql} AND s.outcome = 'pending' AND s."decisionsCount" = ${intLiteral(k)}
         AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."recordId" = s."recordId" AND a.stage = ${stageSql} OFFSET 0)
         ${checks}
       ORDER BY s.priority DESC, s.seq
       LIMIT ${count})`);
  }
  return Prisma.sql`
    WITH ${roles ? Prisma.sql`
    access AS (
      SELECT m.role::text AS role, COALESCE(st."requiredDecisions", 2)::int AS required
      FROM "Membership" m
      LEFT JOIN "ReviewStageSetting" st ON st."reviewId" = m."reviewId" AND st.stage = ${stageSql}
      WHERE m."reviewId" = ${reviewId}::uuid AND m."userId" = ${reviewerId}::uuid
    ),
    allowed AS (SELECT 1 FROM access WHERE role = ANY(${roles}::text[]) AND required = ${intLiteral(required)}),` : Prisma.empty}
    picked AS (
      SELECT q."recordId", row_number() OVER (ORDER BY q.part, q.priority DESC, q.seq) AS rank FROM (
        (SELECT s."recordId", 0 AS part, s.priority, s.seq
         FROM "Assignment" a
         JOIN "ScreeningState" s ON s."recordId" = a."recordId" AND s.stage = a.stage
         WHERE a."reviewId" = ${reviewId}::uuid AND a.stage = ${stageSql} AND a."reviewerId" = ${reviewerId}::uuid
           AND s.outcome = 'pending' AND s."decisionsCount" < ${intLiteral(required)}
           ${checks}
         ORDER BY s."decisionsCount" DESC, s.priority DESC, s.seq
         LIMIT ${count})
        UNION ALL ${Prisma.join(byDecisions, ' UNION ALL ')}
      ) q
      WHERE true ${gate}
      ORDER BY q.part, q.priority DESC, q.seq
      LIMIT ${count}
    ),
    ${skip.length ? Prisma.sql`
    -- The records the screen still holds, looked up by primary key one by one: the statement is
    -- prepared once (lib/db/sql.ts), and a generic plan would otherwise walk the review's index.
    shown AS MATERIALIZED (
      SELECT s."recordId", s."reviewId" FROM unnest(${skip}::uuid[]) AS k(id)
      JOIN "ScreeningState" s ON s."recordId" = k.id AND s.stage = ${stageSql}
    ),` : Prisma.empty}
    held AS (
      SELECT "recordId" FROM picked
      ${skip.length ? Prisma.sql`
      UNION
      SELECT h."recordId" FROM shown h
      WHERE h."reviewId" = ${reviewId}::uuid ${gate}
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = h."recordId" AND d.stage = ${stageSql} AND d."reviewerId" = ${reviewerId}::uuid)` : Prisma.empty}
    ),
    dropped AS (
      DELETE FROM "ScreeningLease" l
      WHERE l."reviewerId" = ${reviewerId}::uuid AND l."reviewId" = ${reviewId}::uuid AND l.stage = ${stageSql}
        AND l."recordId" NOT IN (SELECT "recordId" FROM held) ${gate}
    ),
    leased AS (
      INSERT INTO "ScreeningLease" ("recordId", stage, "reviewerId", "reviewId", "expiresAt")
      SELECT h."recordId", ${stageSql}, ${reviewerId}::uuid, ${reviewId}::uuid, now() + make_interval(mins => ${LEASE_MINUTES}) FROM held h
      ON CONFLICT ("recordId", stage, "reviewerId") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"
    )
    ${roles ? Prisma.sql`
    SELECT a.role AS "accessRole", a.required AS "accessRequired", c.* FROM access a
    LEFT JOIN LATERAL (SELECT ${RECORD_COLUMNS}, p.rank FROM picked p JOIN "Record" r ON r.id = p."recordId") c ON true
    ORDER BY c.rank` : Prisma.sql`
    SELECT ${RECORD_COLUMNS} FROM picked p JOIN "Record" r ON r.id = p."recordId" ORDER BY p.rank`}`;
}

export interface StageProgress {
  /** Records eligible at this stage (title/abstract: not removed; full text: passed title/abstract). */
  total: number;
  screenedByMe: number;
  /** Records still open that this reviewer could decide (the queue without the spreading by leases). */
  neededFromMe: number;
}

export async function stageProgress(input: QueueInput): Promise<StageProgress> {
  const { reviewId, reviewerId, stage, required } = input;
  const db = getDb();
  const stageSql = Prisma.sql`${stage}::"Stage"`;
  const eligible = stage === 'title_abstract'
    ? db.record.count({ where: { reviewId, removedReason: null } })
    : db.screeningState.count({ where: { reviewId, stage: 'title_abstract', outcome: 'included', record: { removedReason: null } } });
  // Open rows (one index-only count) minus the few this reviewer cannot take: decided by them,
  // assigned only to others, or (decided by others, then) merged away. Anti-joining all 100,000
  // open rows instead took ~100 ms.
  const taPassed = passedTitleAbstract(stage, Prisma.raw('s."recordId"'));
  const [total, screenedByMe, needed] = await Promise.all([
    eligible,
    db.decision.count({ where: { reviewId, stage, reviewerId } }),
    db.$queryRaw<Array<{ n: bigint }>>`
      SELECT
        (SELECT COUNT(*) FROM "ScreeningState" s
         WHERE s."reviewId" = ${reviewId}::uuid AND s.stage = ${stageSql} AND s.outcome = 'pending' AND s."decisionsCount" < ${required} ${taPassed})
        - (SELECT COUNT(*) FROM "Decision" d JOIN "ScreeningState" s ON s."recordId" = d."recordId" AND s.stage = d.stage
           WHERE d."reviewId" = ${reviewId}::uuid AND d.stage = ${stageSql} AND d."reviewerId" = ${reviewerId}::uuid
             AND s.outcome = 'pending' AND s."decisionsCount" < ${required} ${taPassed})
        - (SELECT COUNT(DISTINCT a."recordId") FROM "Assignment" a JOIN "ScreeningState" s ON s."recordId" = a."recordId" AND s.stage = a.stage
           WHERE a."reviewId" = ${reviewId}::uuid AND a.stage = ${stageSql} AND s.outcome = 'pending' AND s."decisionsCount" < ${required} ${taPassed}
             AND NOT EXISTS (SELECT 1 FROM "Assignment" m WHERE m."recordId" = a."recordId" AND m.stage = a.stage AND m."reviewerId" = ${reviewerId}::uuid)
             AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = a."recordId" AND d.stage = a.stage AND d."reviewerId" = ${reviewerId}::uuid))
        - (SELECT COUNT(*) FROM "Record" r JOIN "ScreeningState" s ON s."recordId" = r.id AND s.stage = ${stageSql}
           WHERE r."reviewId" = ${reviewId}::uuid AND r."removedReason" IS NOT NULL AND s.outcome = 'pending' AND s."decisionsCount" < ${required} ${taPassed}
             AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = r.id AND d.stage = ${stageSql} AND d."reviewerId" = ${reviewerId}::uuid)
             AND NOT (EXISTS (SELECT 1 FROM "Assignment" a WHERE a."recordId" = r.id AND a.stage = ${stageSql})
                      AND NOT EXISTS (SELECT 1 FROM "Assignment" m WHERE m."recordId" = r.id AND m.stage = ${stageSql} AND m."reviewerId" = ${reviewerId}::uuid)))
        AS n`,
  ]);
  return { total, screenedByMe, neededFromMe: Number(needed[0]?.n ?? 0) };
}
