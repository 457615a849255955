/**
 * The thin runner of screening's hot statements (lib/db/sql.ts) on the database under test:
 * named statements on PostgreSQL, PREPARE/EXECUTE with literal arguments on PGlite. Whatever a
 * user types must reach the database unchanged and never be read as SQL.
 */
import { describe, expect, it } from 'vitest';
import { getDb, getDbDriver, getSql } from '../../lib/db/client';
import { pgliteRunner, postgresRunner } from '../../lib/db/sql';
import { Prisma } from '../../lib/db/generated/client';
import { makeRecords, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const NASTY = [
  "O'Brien",
  "''",
  'back\\slash \\\' and \\\\ two',
  "'); DROP TABLE \"Record\"; --",
  '$1 $2 :name ? %s',
  'ünïcödé — 中文 🧪',
  'line\nbreak\ttab',
  '',
];

describe('the hot-statement runner', () => {
  it('passes text, numbers, null, booleans and uuid arrays through unchanged, statement after statement', async () => {
    for (const text of NASTY) {
      const [row] = await getSql().query<{ t: string; n: number; z: string | null; b: boolean }>(
        Prisma.sql`SELECT ${text}::text AS t, ${42}::int AS n, ${null}::text AS z, ${true}::boolean AS b`,
      );
      expect(row).toEqual({ t: text, n: 42, z: null, b: true });
    }
    const ids = ['0b7c6a52-7c2e-4d5a-9c47-8f3f1a2b3c4d', 'f0e1d2c3-b4a5-4968-8776-655443322110'];
    const [arr] = await getSql().query<{ n: number; first: string }>(Prisma.sql`SELECT cardinality(${ids}::uuid[])::int AS n, (${ids}::uuid[])[1]::text AS first`);
    expect(arr).toEqual({ n: 2, first: ids[0] });
    const [empty] = await getSql().query<{ n: number }>(Prisma.sql`SELECT cardinality(${[]}::uuid[])::int AS n`);
    expect(empty.n).toBe(0);
  });

  it('stores a note with quotes and backslashes exactly as typed through a decision', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    const [r1] = await makeRecords(review.id, owner.id, 1);
    const { decide } = await import('../../lib/services/screening');
    const note = NASTY.join(' | ');
    await decide(owner.id, review.id, r1, { stage: 'title_abstract', decision: 'exclude', note });
    expect((await getDb().decision.findFirstOrThrow({ where: { recordId: r1 } })).note).toBe(note);
    expect(await getDb().record.count({ where: { reviewId: review.id } })).toBe(1);
  });

  it('works from a second runner on the same database, as each route bundle of the built app makes one', async () => {
    const driver = getDbDriver();
    const other = driver.kind === 'pglite' ? pgliteRunner(driver.pglite) : postgresRunner(driver.pool);
    const statement = (n: number) => Prisma.sql`SELECT ${n}::int + 1 AS n`;
    expect(await getSql().query(statement(1))).toEqual([{ n: 2 }]);
    expect(await other.query(statement(2))).toEqual([{ n: 3 }]);
    expect(await getSql().query(statement(3))).toEqual([{ n: 4 }]);
  });

  it('refuses an invalid value with the database\'s error, not a wrong result', async () => {
    await expect(getSql().query(Prisma.sql`SELECT ${'not-a-uuid'}::uuid AS u`)).rejects.toMatchObject({ code: '22P02' });
  });
});
