/**
 * The embedded database in a worker thread (lib/db/pglite-in-worker.ts): the part of PGlite's
 * interface the app uses behaves as PGlite does on the app's thread — parsed rows, errors with
 * their SQLSTATE, transactions that commit, roll back and hold other statements back, COPY from a
 * blob — and Prisma's adapter and the hot-statement runner work on it.
 */
import { messages, type PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPGlite } from '../../lib/db/pglite-in-worker';
import { pgliteRunner } from '../../lib/db/sql';
import { Prisma, PrismaClient } from '../../lib/db/generated/client';

let db: WorkerPGlite;

beforeAll(async () => {
  db = new WorkerPGlite();
  await db.waitReady;
  await db.exec(`CREATE TABLE t (id int PRIMARY KEY, name text, at timestamptz, doc jsonb, big int8)`);
});

afterAll(async () => {
  await db.close();
});

describe('the embedded database in a worker thread', () => {
  it('returns rows parsed as PGlite parses them, in object and array mode, with caller parsers applied', async () => {
    await db.query(`INSERT INTO t VALUES ($1, $2, $3, $4, $5)`, [1, "O'Brien", '2024-01-02T03:04:05Z', JSON.stringify({ a: [1] }), '9007199254740993']);
    const r = await db.query<{ id: number; name: string; at: Date; doc: unknown; big: bigint }>(`SELECT * FROM t WHERE id = $1`, [1]);
    expect(r.rows).toEqual([{ id: 1, name: "O'Brien", at: new Date('2024-01-02T03:04:05Z'), doc: { a: [1] }, big: 9007199254740993n }]);
    expect(r.fields.map((f) => f.name)).toEqual(['id', 'name', 'at', 'doc', 'big']);
    const arr = await db.query(`SELECT id, doc, big FROM t`, [], { rowMode: 'array', parsers: { 3802: (v: string) => `json:${v}`, 20: (v: string) => `int8:${v}` } });
    expect(arr.rows).toEqual([[1, 'json:{"a": [1]}', 'int8:9007199254740993']]);
    const upd = await db.query(`UPDATE t SET name = 'x' WHERE id = 1`);
    expect(upd.affectedRows).toBe(1);
  });

  it('runs several statements with exec', async () => {
    const rs = await db.exec(`SELECT 1 AS a; SELECT 'b' AS b`);
    expect(rs.map((r) => r.rows)).toEqual([[{ a: 1 }], [{ b: 'b' }]]);
  });

  it('rejects with PGlite DatabaseError carrying message, code and detail', async () => {
    const e = await db.query(`INSERT INTO t (id) VALUES (1)`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(messages.DatabaseError);
    expect(e).toMatchObject({ code: '23505', severity: 'ERROR', message: expect.stringContaining('duplicate key') });
    expect((e as { detail?: string }).detail).toContain('Key (id)=(1)');
    await db.exec(`PREPARE p1 AS SELECT 1`);
    await expect(db.exec(`PREPARE p1 AS SELECT 1`)).rejects.toMatchObject({ code: '42P05' });
  });

  it('commits a transaction, rolls back on error and on tx.rollback(), and holds other statements back meanwhile', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES (10)`);
      await tx.exec(`INSERT INTO t (id) VALUES (11)`);
    });
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES (12)`);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES (10)`);
    })).rejects.toMatchObject({ code: '23505' });
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES (13)`);
      await tx.rollback();
      expect(tx.closed).toBe(true);
    });
    const order: string[] = [];
    let outside: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES (14)`);
      outside = db.query(`SELECT count(*)::int AS n FROM t WHERE id = 14`).then((r) => order.push(`outside:${(r.rows[0] as { n: number }).n}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('tx done');
    });
    await outside;
    expect(order).toEqual(['tx done', 'outside:1']);
    const ids = await db.query<{ id: number }>(`SELECT id FROM t WHERE id >= 10 ORDER BY id`);
    expect(ids.rows.map((r) => r.id)).toEqual([10, 11, 14]);
  });

  it('copies CSV from a blob', async () => {
    await db.query(`COPY t (id, name) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([Buffer.from('20,a\n21,"b,c"\n')]) });
    const r = await db.query<{ name: string }>(`SELECT name FROM t WHERE id IN (20, 21) ORDER BY id`);
    expect(r.rows).toEqual([{ name: 'a' }, { name: 'b,c' }]);
  });

  it('carries the hot-statement runner', async () => {
    const sql = pgliteRunner(db);
    for (let i = 0; i < 2; i++) {
      const rows = await sql.query<{ t: string; n: number }>(Prisma.sql`SELECT ${"it's"}::text AS t, ${i}::int AS n`);
      expect(rows).toEqual([{ t: "it's", n: i }]);
    }
  });

  it('carries Prisma: raw queries, errors mapped to Prisma codes, interactive transactions', async () => {
    const client = new PrismaClient({ adapter: new PrismaPGlite(db as unknown as PGlite) });
    try {
      const [row] = await client.$queryRaw<{ n: number; at: Date }[]>`SELECT 7::int AS n, '2024-01-02T00:00:00Z'::timestamptz AS at`;
      expect(row).toEqual({ n: 7, at: new Date('2024-01-02T00:00:00Z') });
      await expect(client.$executeRaw`INSERT INTO t (id) VALUES (1)`).rejects.toMatchObject({ code: 'P2010' });
      await expect(
        client.$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO t (id) VALUES (30)`;
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      const n = await client.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO t (id) VALUES (31)`;
        return (await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM t WHERE id IN (30, 31)`)[0].n;
      });
      expect(n).toBe(1);
    } finally {
      await client.$disconnect();
    }
  });
});
