/**
 * Staged rows travel by COPY as CSV (lib/db/copy-csv.ts): every field must come back exactly as
 * parsed, including the characters CSV and array literals treat specially, empty strings (not
 * NULL), absent values (NULL) and a raw record holding a line `\.` (COPY's end-of-data marker).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { createStagedRecordWriter, deleteStagedRecords, type NewRecordRow } from '../../lib/db/staged-records';
import type { BibRecord } from '../../lib/domain/records/bib-record';
import { makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const searchId = randomUUID();
afterAll(() => deleteStagedRecords(searchId));

const tricky = 'say "hi", then\ttab\r\nnew line \\ back\\slash \\N NULL ,; \u00e9\u4e2d\ud83d\ude00';
const full: BibRecord = {
  pmid: '123', doi: '10.1/a"b,c', title: tricky, titleVernacular: 'Titre "vernaculaire"', abstract: `BACKGROUND: ${tricky}\n\nMETHODS: x`,
  authors: [{ name: 'O"Brien, J\\K', family: 'O"Brien', given: 'J' }, { name: 'Group, The', isCollective: true }],
  year: 2021, publicationDate: '2021 Jan-Feb', journal: 'J, "Q"', journalAbbrev: 'J Q', volume: '1', issue: '2', pages: '1194–1205',
  keywords: ['a "quoted" word', 'back\\slash', 'comma, here', 'NULL', '{braces}', ''], meshTerms: ['*Ketamine/pharmacology'],
  publicationTypes: ['Journal Article'], language: 'eng', issn: '1234-5678', url: 'https://example.org/?a=1,b="2"', sourceDatabase: 'PubMed',
};
const sparse: BibRecord = { title: '', abstract: 'only an abstract', authors: [], keywords: [], meshTerms: [], publicationTypes: [] };

describe('staged records', () => {
  it('come back from COPY exactly as written', async () => {
    const owner = await makeUser('owner');
    const reviewId = (await makeReview(owner.id)).id;
    const rows: NewRecordRow[] = [
      { id: randomUUID(), position: 1, sourceLine: 1, record: full, raw: `PMID- 123\n\\.\nTI  - ${tricky}\n` },
      { id: randomUUID(), position: 2, sourceLine: 40, record: sparse, raw: '' },
    ];
    const writer = await createStagedRecordWriter(reviewId, searchId);
    await writer.write(writer.prepare(rows));

    const stored = await getDb().stagedRecord.findMany({ where: { searchId }, orderBy: { position: 'asc' } });
    expect(stored).toHaveLength(2);
    const [a, b] = stored;
    expect(a).toMatchObject({
      id: rows[0].id, reviewId, searchId, position: 1, sourceLine: 1, pmid: '123', doi: full.doi, title: tricky, titleVernacular: full.titleVernacular,
      abstract: full.abstract, authors: full.authors, year: 2021, publicationDate: full.publicationDate, journal: full.journal,
      journalAbbrev: full.journalAbbrev, volume: '1', issue: '2', pages: full.pages, keywords: full.keywords, meshTerms: full.meshTerms,
      publicationTypes: full.publicationTypes, language: 'eng', issn: full.issn, url: full.url, sourceDatabase: 'PubMed', raw: rows[0].raw,
    });
    expect(b).toMatchObject({
      position: 2, sourceLine: 40, pmid: null, doi: null, title: '', titleVernacular: null, abstract: 'only an abstract', authors: [],
      year: null, publicationDate: null, journal: null, keywords: [], meshTerms: [], publicationTypes: [], language: null, url: null, raw: '',
    });
  });

  it('fail the write, storing nothing, when a row cannot be stored', async () => {
    const owner = await makeUser('owner2');
    const reviewId = (await makeReview(owner.id)).id;
    const other = randomUUID();
    const writer = await createStagedRecordWriter(reviewId, other);
    const row = (position: number): NewRecordRow => ({ id: randomUUID(), position, sourceLine: position, record: sparse, raw: '' });
    const batch = writer.prepare([row(1), { ...row(2), record: { ...sparse, year: 2147483648 } }]); // over int4
    await expect(writer.write(batch)).rejects.toThrow();
    expect(await getDb().stagedRecord.count({ where: { searchId: other } })).toBe(0);
    await writer.write(writer.prepare([row(3)])); // the writer (and the pool's connection) still works
    expect(await getDb().stagedRecord.count({ where: { searchId: other } })).toBe(1);
    await deleteStagedRecords(other);
  });
});
