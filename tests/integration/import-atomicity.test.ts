/**
 * All or nothing: a file that cannot be imported stores nothing (no search, record, pair or
 * audit event, and no staged record left behind), and the error names the file and the line.
 * Includes a failure in the middle of the final transaction, after staged records were moved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { AppError } from '../../lib/errors';
import { bytesSource, importSearch, type ByteSource } from '../../lib/services/import';
import { makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const read = (rel: string) => fs.readFileSync(path.join(DATA, rel));

let owner: { id: string };
let reviewId: string;

beforeAll(async () => {
  owner = await makeUser('owner');
  reviewId = (await makeReview(owner.id)).id;
  // An earlier import, so "nothing changed" also covers records that were already there.
  await importSearch(owner.id, reviewId, { file: bytesSource('earlier.ris', read('ris/asreview_embase.ris')), fields: { source: 'Embase' } });
});

async function counts() {
  const db = getDb();
  const [searches, records, pairs, events, staged] = await Promise.all([
    db.search.count(),
    db.record.count(),
    db.duplicatePair.count(),
    db.auditEvent.count(),
    db.stagedRecord.count(),
  ]);
  return { searches, records, pairs, events, staged };
}

async function expectRefused(file: ByteSource, fields: Record<string, unknown> = { source: 'PubMed' }, options = {}): Promise<AppError> {
  const before = await counts();
  const error = await importSearch(owner.id, reviewId, { file, fields }, options).then(
    () => {
      throw new Error(`${file.name} was imported but should have been refused`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await counts()).toEqual(before);
  const e = error as AppError;
  expect(e.message).toContain(file.name);
  expect(e.message).toMatch(/line \d+/i);
  return e;
}

const problemsOf = (e: AppError) => (e.details as { problems: { code: string; line?: number }[] }).problems;

describe('files that store nothing', () => {
  it('truncated PubMed XML names the record where the file stops', async () => {
    const bytes = read('pubmed-xml/asreview_pubmed.xml');
    const e = await expectRefused(bytesSource('cut.xml', bytes.subarray(0, Math.floor(bytes.length * 0.6))));
    expect(e.code).toBe('invalid');
    expect(problemsOf(e)[0]).toMatchObject({ code: 'truncated', line: expect.any(Number) });
    expect(e.message).toMatch(/cut\.xml.*cut off/);
  });

  it('truncated RIS (no ER after the last record)', async () => {
    const text = read('ris/asreview_embase.ris').toString('utf8');
    const e = await expectRefused(bytesSource('cut.ris', Buffer.from(text.slice(0, text.lastIndexOf('ER  -')))));
    expect(problemsOf(e)[0]).toMatchObject({ code: 'truncated' });
  });

  it('binary junk', async () => {
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    const e = await expectRefused(bytesSource('photo.jpg', junk));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/binary/);
  });

  it('binary data in the middle of a real file', async () => {
    const bytes = Buffer.from(read('pubmed-medline/reflib_blue-light.nbib'));
    bytes[50_000] = 0;
    const e = await expectRefused(bytesSource('damaged.nbib', bytes));
    expect(problemsOf(e)[0]).toMatchObject({ code: 'binary-content', line: expect.any(Number) });
  });

  it('a 0-byte file, and one of blank lines', async () => {
    expect((await expectRefused(bytesSource('empty.ris', new Uint8Array(0)))).message).toMatch(/empty/);
    expect((await expectRefused(bytesSource('blank.ris', Buffer.from('\n\n   \r\n')))).message).toMatch(/empty/);
  });

  it('an XML bomb (entity expansion) is refused before any entity is expanded', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&lol3;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`;
    const e = await expectRefused(bytesSource('bomb.xml', Buffer.from(bomb)));
    expect(e.message).toMatch(/entities/);
  });

  it('an external entity (XXE) is never resolved', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`;
    await expectRefused(bytesSource('xxe.xml', Buffer.from(xxe)));
  });

  it('files that are not bibliographic exports', async () => {
    await expectRefused(bytesSource('page.html', Buffer.from('<!DOCTYPE html>\n<html><body>Search results</body></html>')));
    await expectRefused(bytesSource('data.json', Buffer.from('[{"title": "x"}]')));
    await expectRefused(bytesSource('notes.txt', Buffer.from('Dear colleague,\nhere are the results of our search.\n')));
    await expectRefused(bytesSource('refs.bib', Buffer.from('@article{smith2020,\n  title={A title}\n}\n')));
    const e = await expectRefused(bytesSource('other.xml', Buffer.from('<?xml version="1.0"?>\n<records><record/></records>')));
    expect(e.message).toMatch(/not PubMed XML/);
  });

  it('a file whose content is not the format it was sent as', async () => {
    const e = await expectRefused(bytesSource('search.ris', read('pubmed-medline/nbib_single.nbib')), { source: 'PubMed', format: 'ris' });
    expect(e.message).toMatch(/sent as RIS but its content is PubMed MEDLINE/);
  });

  it('a PubMed XML file without any article', async () => {
    const e = await expectRefused(bytesSource('none.xml', Buffer.from('<?xml version="1.0"?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n')));
    expect(e.message).toMatch(/no records/);
  });

  it('records with neither title nor abstract, not skipped', async () => {
    const e = await expectRefused(bytesSource('medlines.txt', read('pubmed-medline/ncbiutils_medlines.txt')));
    expect(problemsOf(e)).toContainEqual(expect.objectContaining({ code: 'no-title-or-abstract', line: 141 }));
  });

  it('a file made only of problem records, even with skipping on', async () => {
    const e = await expectRefused(bytesSource('no-title.xml', read('pubmed-xml/ncbiutils_no_title_abstract.xml')), { source: 'PubMed', skipProblemRecords: 'true' });
    expect(problemsOf(e)[0]).toMatchObject({ code: 'no-importable-records' });
  });

  it('a file over the upload limit is 413 and says the limit', async () => {
    const e = await expectRefused(bytesSource('big.nbib', read('pubmed-medline/reflib_blue-light.nbib')), { source: 'PubMed' }, { maxBytes: 100 * 1024 });
    expect(e.code).toBe('payload_too_large');
    expect(e.message).toMatch(/over the upload limit of 0\.1 MB \(SIEVE_MAX_UPLOAD_MB\)/);
  });

  it('a failure inside the write transaction, after batches were inserted, rolls everything back', async () => {
    // The progress callback fails once the second batch (records 1,001-2,000) has been written.
    const before = await counts();
    let savedWhenFailing = 0;
    const e = await importSearch(
      owner.id,
      reviewId,
      { file: bytesSource('virus.csv', read('labelled/Kwok_2020_virus.csv')), fields: { source: 'Scopus', csvMapping: JSON.stringify({ fields: { title: 'title', abstract: 'abstract' } }) } },
      {
        onProgress: (p) => {
          if (p.phase === 'saving' && p.records >= 2000) {
            savedWhenFailing = p.records;
            throw new Error('disk full (simulated)');
          }
        },
      },
    ).catch((err) => err);
    expect(e.message).toBe('disk full (simulated)');
    expect(savedWhenFailing).toBe(2000);
    expect(await counts()).toEqual(before);
  });
});
