/**
 * Server-side progress of an import (the Import page polls it): an import sent with an importId
 * reports reading (bytes and records), deduplicating and saving, in that order, to its review's
 * owners while it runs, then done with the search; a refused file ends as failed with its message.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource, getImportProgress, importSearch, type ImportJob, type ImportProgress } from '../../lib/services/import';
import { addMember, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const virus = () => bytesSource('virus.csv', fs.readFileSync(path.join(DATA, 'labelled/Kwok_2020_virus.csv')));
const csvFields = { source: 'Scopus', csvMapping: JSON.stringify({ fields: { title: 'title', abstract: 'abstract' } }) };

let owner: { id: string };
let reviewer: { id: string; email: string };
let reviewId: string;

beforeAll(async () => {
  owner = await makeUser('owner');
  reviewer = await makeUser('reviewer');
  reviewId = (await makeReview(owner.id)).id;
  await addMember(owner.id, reviewId, reviewer.email, 'reviewer');
});

describe('import progress', () => {
  it('reports reading, deduplicating and saving in order while the import runs, then done with the search', async () => {
    const importId = randomUUID();
    const reported: ImportProgress[] = [];
    const running = importSearch(owner.id, reviewId, { file: virus(), fields: { ...csvFields, importId } }, { onProgress: (p) => reported.push({ ...p }) });
    const polled: ImportJob[] = [];
    let finished = false;
    void running.finally(() => (finished = true)).catch(() => {});
    while (!finished) {
      const job = await getImportProgress(owner.id, reviewId, importId).catch(() => undefined);
      if (job) polled.push(job);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await running;

    const phases = [...new Set(reported.map((p) => p.phase))];
    expect(phases).toEqual(['reading', 'deduplicating', 'saving']);
    const reading = reported.filter((p) => p.phase === 'reading');
    expect(reading.at(-1)!.bytesRead).toBe(reading.at(-1)!.totalBytes);
    expect(reading.at(-1)!.records).toBeGreaterThan(2000);
    expect(reported.at(-1)).toMatchObject({ phase: 'saving', records: result.recordsImported });
    expect(polled.some((j) => j.phase !== 'done')).toBe(true);

    const done = await getImportProgress(owner.id, reviewId, importId);
    expect(done).toMatchObject({ id: importId, reviewId, kind: 'import', phase: 'done', searchId: result.id, records: result.recordsImported, totalRecords: result.recordsImported });
  });

  it('a refused file ends as failed with the same message; others cannot see the job', async () => {
    const importId = randomUUID();
    const error = await importSearch(owner.id, reviewId, { file: bytesSource('notes.txt', Buffer.from('We met on Tuesday.\nNothing to import.\n')), fields: { source: 'PubMed', importId } }).catch((e: unknown) => e);
    const job = await getImportProgress(owner.id, reviewId, importId);
    expect(job).toMatchObject({ phase: 'failed', error: { code: 'invalid', message: (error as Error).message } });
    await expect(getImportProgress(reviewer.id, reviewId, importId)).rejects.toMatchObject({ code: 'forbidden' });
    const outsider = await makeUser('outsider');
    await expect(getImportProgress(outsider.id, reviewId, importId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getImportProgress(owner.id, reviewId, randomUUID())).rejects.toMatchObject({ code: 'not_found' });
  });
});
