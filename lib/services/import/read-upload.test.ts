import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { ImportUpload } from './read-upload';
import { withImportUpload } from './read-upload';

function upload(fileBytes: number | null, fields: Record<string, string> = {}, name = 'search.nbib'): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (fileBytes !== null) form.append('file', new Blob([new Uint8Array(fileBytes).fill(65)]), name);
  return new Request('http://test/upload', { method: 'POST', body: form });
}

const uploadDirs = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('sieve-upload-')).length;

async function readAll(u: ImportUpload): Promise<number> {
  let n = 0;
  for await (const chunk of u.file.chunks()) n += chunk.length;
  return n;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (error: unknown) => error);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('withImportUpload', () => {
  it('streams the file to a temporary file with its name, keeps the text fields, and removes the file afterwards', async () => {
    const before = uploadDirs();
    const result = await withImportUpload(upload(3 << 20, { source: 'PubMed', query: 'ketamine AND "neuroplasticity"' }, 'Médline é.nbib'), async (u) => {
      expect(u.fields).toEqual({ source: 'PubMed', query: 'ketamine AND "neuroplasticity"' });
      expect(u.file).toMatchObject({ name: 'Médline é.nbib', size: 3 << 20 });
      expect(uploadDirs()).toBe(before + 1);
      expect(await readAll(u)).toBe(3 << 20);
      expect(await readAll(u)).toBe(3 << 20); // read as often as needed
      return 'done';
    });
    expect(result).toBe('done');
    expect(uploadDirs()).toBe(before);
  });

  it('refuses a file over the limit while it streams (no announced length needed), with the 413 of the import', async () => {
    const before = uploadDirs();
    const e = await failure(withImportUpload(upload(200_000, { source: 'PubMed' }), async () => 'never', 100_000));
    expect(uploadDirs()).toBe(before);
    expect(e.code).toBe('payload_too_large');
    expect(e.message).toMatch(/search\.nbib is over the upload limit of 0\.1 MB \(SIEVE_MAX_UPLOAD_MB\)/);
  });

  it('removes the temporary file when the work fails', async () => {
    const before = uploadDirs();
    await expect(withImportUpload(upload(1000), async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(uploadDirs()).toBe(before);
  });

  it('asks for the file when there is none, and refuses bodies that are not multipart or cannot be read', async () => {
    expect((await failure(withImportUpload(upload(null, { source: 'PubMed' }), async () => 0))).code).toBe('invalid');
    const json = new Request('http://test/upload', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect((await failure(withImportUpload(json, async () => 0))).code).toBe('bad_request');
    const broken = new Request('http://test/upload', {
      method: 'POST',
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.ris"\r\n\r\nTY  - JOUR',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    expect((await failure(withImportUpload(broken, async () => 0))).code).toBe('bad_request');
    const noBoundary = new Request('http://test/upload', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect((await failure(withImportUpload(noBoundary, async () => 0))).code).toBe('bad_request');
  });
});
