/**
 * A thin path to the database for the handful of statements screening runs every few seconds per
 * reviewer (token, access, queue, decision), next to the Prisma client that does everything else.
 *
 * Why (decision 009): measured at 100,000 records, each statement sent through the Prisma client
 * cost ~0.5 ms of the app's CPU on top of the database's own work, and PostgreSQL planned the
 * queue statement afresh every time (0.9 ms of its 1.5 ms). Here statements go straight to
 * node-postgres as named prepared statements (parsed and planned once per connection, then only
 * executed) or straight to PGlite. Same connections as Prisma (one pool; PGlite queues a statement
 * behind any open transaction), same SQL fragments (`Prisma.sql`), so nothing else changes.
 *
 * Rows come back as the driver parses them: uuid/text as strings, timestamps as Date, json as
 * objects, int4 as numbers. Statements cast counts to int4 (int8 differs between the drivers).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Prisma } from './generated/client';
import type { PGliteLike } from './pglite-in-worker';

export interface SqlRunner {
  query<T>(statement: Prisma.Sql): Promise<T[]>;
}

/** A database error from the driver, with PostgreSQL's SQLSTATE code (`23505` unique violation…). */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const names = new Map<string, string>();
/** The prepared statement's name: stable per SQL text, so every connection reuses its plan. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sieve_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

export function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    async query<T>(statement: Prisma.Sql): Promise<T[]> {
      const res = await pool.query({ name: statementName(statement.text), text: statement.text, values: statement.values as unknown[] });
      return res.rows as T[];
    },
  };
}

/**
 * PGlite has no named statements in its API; SQL-level PREPARE/EXECUTE does the same on its one
 * connection (planning was most of the queue statement's ~3 ms there). EXECUTE is a utility
 * statement, which takes no protocol parameters, so its arguments are written as literals
 * (`sqlLiteral`), then coerced by the server to the prepared statement's parameter types.
 */
export function pgliteRunner(pglite: PGliteLike): SqlRunner {
  const prepared = new Map<string, Promise<unknown>>();
  let checked: Promise<void> | undefined;
  return {
    async query<T>(statement: Prisma.Sql): Promise<T[]> {
      // Quoting relies on backslashes being ordinary characters in '...' (the default since 9.1).
      checked ??= pglite.query<{ s: string }>("SELECT current_setting('standard_conforming_strings') AS s").then((r) => {
        if (r.rows[0]?.s !== 'on') throw new Error('standard_conforming_strings must be on');
      });
      await checked;
      const name = statementName(statement.text);
      let ready = prepared.get(name);
      if (!ready) {
        // 42P05: prepared already, by another copy of this module (the built app bundles one per
        // route) on the same PGlite; names derive from the text, so it is this very statement.
        ready = pglite.exec(`PREPARE ${name} AS ${statement.text}`).catch((e: unknown) => {
          if (sqlState(e) !== '42P05') throw e;
        });
        prepared.set(name, ready);
        ready.catch(() => prepared.delete(name));
      }
      await ready;
      const values = statement.values as unknown[];
      // One simple-protocol message (no parse/describe/bind round of its own for the EXECUTE).
      const [res] = await pglite.exec(values.length ? `EXECUTE ${name}(${values.map(sqlLiteral).join(', ')})` : `EXECUTE ${name}`);
      return res.rows as T[];
    },
  };
}

/** A value as an SQL literal of unknown type (the server coerces it to the parameter's type). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `'${value}'`;
  }
  if (typeof value === 'bigint') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) return quote(`{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`);
  if (typeof value === 'string') return quote(value);
  return quote(JSON.stringify(value));
}

function quote(s: string): string {
  if (s.includes('\0')) throw new Error('text cannot contain NUL characters');
  return `'${s.replace(/'/g, "''")}'`;
}

/** Inside a Prisma transaction (the locked decision path): the same statements through it. */
export function prismaRunner(db: { $queryRaw<T>(sql: Prisma.Sql): Prisma.PrismaPromise<T> }): SqlRunner {
  return { query: <T>(statement: Prisma.Sql) => db.$queryRaw<T[]>(statement) as Promise<T[]> };
}
