/**
 * The embedded database's stand-in for autovacuum (lib/db/embedded-maintenance.ts): after an
 * import-sized change it refreshes the planner's statistics, and it leaves unchanged tables alone.
 * PGlite only: on a PostgreSQL server autovacuum does this job and the statistics it reads are
 * flushed asynchronously, so the same assertions would race it.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { maintainEmbeddedDatabase } from '../../lib/db/embedded-maintenance';
import { makeRecords, makeReview, makeUser } from '../helpers/factories';
import { dbKind, useTestDatabase } from '../helpers/db';

useTestDatabase();

describe.skipIf(dbKind() !== 'pglite')('embedded database maintenance', () => {
  it('analyzes the tables an import changed, so the planner knows their size, and then has nothing to do', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    await makeRecords(review.id, owner.id, 2000);
    const first = await maintainEmbeddedDatabase(getDb());
    expect(first.analyzed).toEqual(expect.arrayContaining(['Record', 'ScreeningState']));
    const [stats] = await getDb().$queryRaw<Array<{ reltuples: number }>>`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'Record'`;
    expect(stats.reltuples).toBe(2000);
    const second = await maintainEmbeddedDatabase(getDb());
    expect(second.analyzed).toEqual([]);
  });
});
