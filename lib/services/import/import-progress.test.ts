import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { findImportJob, trackImport, withImportTracking } from './import-progress';

describe('import progress', () => {
  it('follows a job through its phases, and keeps the search once done', () => {
    const id = randomUUID();
    const job = trackImport(id, 'review-1', 'user-1', 'import', 1000);
    expect(findImportJob('review-1', id)).toMatchObject({ phase: 'reading', bytesRead: 0, totalBytes: 1000 });
    job.onProgress({ phase: 'reading', bytesRead: 400, totalBytes: 1000, records: 12 });
    expect(findImportJob('review-1', id)).toMatchObject({ phase: 'reading', bytesRead: 400, records: 12 });
    job.onProgress({ phase: 'deduplicating', bytesRead: 1000, totalBytes: 1000, records: 30 });
    job.onProgress({ phase: 'saving', bytesRead: 1000, totalBytes: 1000, records: 10 });
    expect(findImportJob('review-1', id)).toMatchObject({ phase: 'saving', records: 10, totalRecords: 30 });
    job.done('search-1');
    expect(findImportJob('review-1', id)).toMatchObject({ phase: 'done', searchId: 'search-1' });
  });

  it('is invisible from another review, and an id cannot be reused while its job runs', () => {
    const id = randomUUID();
    const job = trackImport(id, 'review-1', 'user-1', 'preview', 10);
    expect(findImportJob('review-2', id)).toBeUndefined();
    expect(() => trackImport(id, 'review-1', 'user-1', 'import', 10)).toThrow(AppError);
    job.failed(new AppError('invalid', 'x.ris: truncated at line 3'));
    expect(findImportJob('review-1', id)).toMatchObject({ phase: 'failed', error: { code: 'invalid', message: 'x.ris: truncated at line 3' } });
    expect(() => trackImport(id, 'review-1', 'user-1', 'import', 10)).not.toThrow();
  });

  it('never shows an unexpected error\'s message', async () => {
    const id = randomUUID();
    const work = withImportTracking({ importId: id, reviewId: 'r', userId: 'u', kind: 'import', totalBytes: 1 }, undefined, async () => {
      throw new Error('connection reset by peer at 10.0.0.5');
    });
    await expect(work).rejects.toThrow('connection reset');
    expect(findImportJob('r', id)?.error).toEqual({ code: 'internal', message: 'The import failed on the server. Nothing was imported.' });
  });
});
