/**
 * Fuzzing with a fixed seed: random mutations of real exports (byte flips, truncations, deleted
 * and repeated lines, inserted junk). 10,000 go through reading and checking (no database), a few
 * hundred through the whole import. The only acceptable outcomes are success or an AppError
 * 'invalid' with a message naming the file; never another exception, never a partial import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { AppError } from '../../lib/errors';
import { bytesSource, importSearch } from '../../lib/services/import';
import { scanFile } from '../../lib/services/import/scan-file';
import { makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const SEED = 20_241_127;
const MAX_BASE_BYTES = 60 * 1024;

/** mulberry32: small, fast, good enough to pick mutations reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(list: readonly T[]) => list[int(list.length)] };
}

interface Base {
  name: string;
  bytes: Buffer;
}

function corpus(): Base[] {
  const bases: Base[] = [];
  for (const dir of ['pubmed-medline', 'pubmed-xml', 'ris']) {
    for (const f of fs.readdirSync(path.join(DATA, dir))) {
      const bytes = fs.readFileSync(path.join(DATA, dir, f));
      if (bytes.length <= MAX_BASE_BYTES) bases.push({ name: f, bytes });
    }
  }
  // CSV: the header and first rows of each labelled set (the whole files are megabytes).
  for (const f of fs.readdirSync(path.join(DATA, 'labelled'))) {
    const bytes = fs.readFileSync(path.join(DATA, 'labelled', f));
    bases.push({ name: f, bytes: bytes.subarray(0, bytes.indexOf(0x0a, MAX_BASE_BYTES / 2) + 1) });
  }
  return bases;
}

const JUNK = ['\u0000', '<', '>', '&', '&lol;', '"', '""', ',', '\t', '\r', '\n\n', 'TY  - ', 'ER  - ', 'PMID- ', 'AB  - ', '</PubmedArticle>', '<PubmedArticle>', '<!DOCTYPE x [<!ENTITY e "e">]>', '\uFEFF', '\uFFFD', 'é', '💥'];

function mutate(base: Buffer, r: ReturnType<typeof rng>): { bytes: Buffer; what: string } {
  let bytes = Buffer.from(base);
  const steps: string[] = [];
  const count = 1 + r.int(3);
  for (let k = 0; k < count && bytes.length > 0; k++) {
    const at = r.int(bytes.length);
    switch (r.int(7)) {
      case 0:
        bytes[at] = r.int(256);
        steps.push(`byte ${at}`);
        break;
      case 1:
        bytes[at] ^= 1 << r.int(8);
        steps.push(`bit ${at}`);
        break;
      case 2:
        bytes = bytes.subarray(0, at);
        steps.push(`truncate ${at}`);
        break;
      case 3:
      case 4: {
        const lines = bytes.toString('latin1').split('\n');
        const i = r.int(lines.length);
        if (r.int(2)) lines.splice(i, 1 + r.int(3));
        else lines.splice(i, 0, ...lines.slice(i, i + 1 + r.int(3)));
        bytes = Buffer.from(lines.join('\n'), 'latin1');
        steps.push(`lines ${i}`);
        break;
      }
      case 5: {
        const junk = r.int(3) === 0 ? Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256))) : Buffer.from(r.pick(JUNK));
        bytes = Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
        steps.push(`junk ${at}`);
        break;
      }
      default: {
        const len = r.int(Math.min(4096, bytes.length - at));
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + len)]);
        steps.push(`cut ${at}+${len}`);
      }
    }
  }
  return { bytes, what: steps.join(', ') };
}

function expectOnlyInvalid(e: unknown, label: string, fileName: string): void {
  if (!(e instanceof AppError) || e.code !== 'invalid') {
    throw new Error(`${label}: unexpected ${e instanceof AppError ? `AppError ${e.code}` : 'exception'}: ${(e as Error)?.stack ?? e}`);
  }
  expect(e.message, label).toContain(fileName);
}

describe('fuzzing with a fixed seed', () => {
  const bases = corpus();

  it('10,000 mutations through reading and checking: success or a clear 422, nothing else', async () => {
    const r = rng(SEED);
    const outcomes = { ok: 0, invalid: 0 };
    for (let i = 0; i < 10_000; i++) {
      const base = r.pick(bases);
      const { bytes, what } = mutate(base.bytes, r);
      const label = `#${i} ${base.name} [${what}]`;
      try {
        const scan = await scanFile(bytesSource(base.name, bytes));
        expect(scan.items.length + scan.problemRecords.length, label).toBe(scan.recordsRead);
        outcomes.ok++;
      } catch (e) {
        expectOnlyInvalid(e, label, base.name);
        outcomes.invalid++;
      }
    }
    console.log('[fuzz] read+check outcomes:', JSON.stringify(outcomes));
    expect(outcomes.ok).toBeGreaterThan(1000);
    expect(outcomes.invalid).toBeGreaterThan(1000);
  }, 300_000);

  describe('through the whole import', () => {
    let owner: { id: string };
    let reviewId: string;
    beforeAll(async () => {
      owner = await makeUser('owner');
      reviewId = (await makeReview(owner.id)).id;
    });

    it('300 mutated files: each one imported whole or not at all', async () => {
      const r = rng(SEED + 1);
      const db = getDb();
      const outcomes = { imported: 0, refused: 0 };
      for (let i = 0; i < 300; i++) {
        const base = r.pick(bases);
        const { bytes, what } = mutate(base.bytes, r);
        const label = `#${i} ${base.name} [${what}]`;
        const before = { searches: await db.search.count(), records: await db.record.count(), pairs: await db.duplicatePair.count() };
        try {
          const result = await importSearch(owner.id, reviewId, { file: bytesSource(base.name, bytes), fields: { source: 'Fuzz', skipProblemRecords: r.int(2) ? 'true' : 'false' } });
          expect(await db.search.count(), label).toBe(before.searches + 1);
          expect(await db.record.count(), label).toBe(before.records + result.recordsImported);
          expect(await db.record.count({ where: { searchId: result.id } }), label).toBe(result.recordsImported);
          outcomes.imported++;
        } catch (e) {
          expectOnlyInvalid(e, label, base.name);
          expect({ searches: await db.search.count(), records: await db.record.count(), pairs: await db.duplicatePair.count() }, label).toEqual(before);
          outcomes.refused++;
        }
      }
      console.log('[fuzz] full import outcomes:', JSON.stringify(outcomes));
      expect(outcomes.imported).toBeGreaterThan(30);
      expect(outcomes.refused).toBeGreaterThan(30);
      // Duplicates of the same base files pile up across imports: the counts must still add up.
      const removed = await db.record.count({ where: { reviewId, removedReason: 'duplicate' } });
      expect(removed).toBe(await db.record.count({ where: { reviewId, duplicateOfId: { not: null } } }));
    }, 600_000);
  });
});
