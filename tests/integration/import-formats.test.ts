/**
 * Importing real exports of every supported format (shared/data, read in place): counts stored,
 * fields stored as parsed, search metadata (PRISMA-S) stored, one audit event per import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { bytesSource, fileSource, getReviewRecord, importSearch, listReviewRecords, listReviewSearches, previewImport } from '../../lib/services/import';
import { makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const file = (rel: string) => fileSource(path.basename(rel), path.join(DATA, rel));

async function setup() {
  const owner = await makeUser('owner');
  const review = await makeReview(owner.id);
  return { owner, reviewId: review.id };
}

describe('import of each format', () => {
  it('PubMed MEDLINE: 80 records with fields, structured abstracts, ordered authors, metadata and an audit event', async () => {
    const { owner, reviewId } = await setup();
    const result = await importSearch(owner.id, reviewId, {
      file: file('pubmed-medline/reflib_blue-light.nbib'),
      fields: { source: 'PubMed', sourceType: 'database', query: '"blue light"[tiab] AND acne', dateRun: '2024-03-15', notes: 'Exported as PubMed format' },
    });
    expect(result).toMatchObject({
      source: 'PubMed', sourceType: 'database', query: '"blue light"[tiab] AND acne', dateRun: '2024-03-15', notes: 'Exported as PubMed format',
      fileName: 'reflib_blue-light.nbib', fileSize: fs.statSync(path.join(DATA, 'pubmed-medline/reflib_blue-light.nbib')).size,
      format: 'medline', recordsRead: 80, recordsImported: 80, identified: 80, problemsSkipped: 0, duplicatesRemoved: 0,
    });
    expect(result.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await getDb().record.count({ where: { searchId: result.id } })).toBe(80);

    const first = await getDb().record.findFirstOrThrow({ where: { searchId: result.id, pmid: '29657938' } });
    expect(first.position).toBe(1);
    expect(first.sourceLine).toBe(1);
    expect(first.doi).toBe('10.4103/abr.abr_99_17');
    expect(first.title).toBe('Formulation of Herbal Gel of Antirrhinum majus Extract and Evaluation of its Anti-Propionibacterium acne Effects.');
    expect(first.abstract).toMatch(/^BACKGROUND: Antirrhinum majus/);
    expect(first.abstract).toContain('\n\nMATERIALS AND METHODS: Antibacterial');
    expect(first.abstract).toContain('0.25 μg/ml');
    expect((first.authors as { name: string }[]).slice(0, 4).map((a) => a.name)).toEqual([
      'Shahtalebi, Mohammad Ali', 'Asghari, Gholam Reza', 'Rahmani, Farideh', 'Shafiee, Fatemeh',
    ]);
    expect(first.year).toBe(2018);
    expect(first.raw.startsWith('PMID- 29657938')).toBe(true);
    expect(first.duplicateOfId).toBeNull();

    expect(first.meshTerms.length + first.keywords.length).toBeGreaterThan(0);
    expect(first.publicationTypes).toContain('Journal Article');
    expect(first.issn).toBe('2277-9175');
    expect(first.volume).toBe('7');

    const noAbstract = await getDb().record.count({ where: { searchId: result.id, abstract: '' } });
    expect(noAbstract).toBe(3);
    // Non-English articles: the English title without its translation brackets, and the title in
    // its own language beside it (TT).
    const vernacular = await getDb().record.findMany({ where: { searchId: result.id, titleVernacular: { not: null } } });
    expect(vernacular.map((r) => r.language).sort()).toEqual(['ger', 'ger', 'ger', 'por']);
    expect(vernacular.find((r) => r.pmid === '16200418')).toMatchObject({ title: 'Light, laser and PDT therapy for acne.', titleVernacular: 'Licht-/Laser-/PDT--Therapie bei Akne.' });
    expect(vernacular.every((r) => r.title && !r.title.startsWith('['))).toBe(true);

    const events = await getDb().auditEvent.findMany({ where: { reviewId, action: 'search.imported' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: owner.id, entityType: 'search', entityId: result.id });
    expect(events[0].after).toMatchObject({ source: 'PubMed', fileName: 'reflib_blue-light.nbib', recordsImported: 80, format: 'medline' });

    const listed = await listReviewSearches(owner.id, reviewId);
    expect(listed.searches).toHaveLength(1);
    expect(listed.totals).toMatchObject({ identified: 80, identifiedFromDatabases: 80, duplicatesRemoved: 0, afterDuplicatesRemoved: 80 });
  });

  it('PubMed XML: structured abstract labels, mixed content, DOI and PMID', async () => {
    const { owner, reviewId } = await setup();
    const result = await importSearch(owner.id, reviewId, { file: file('pubmed-xml/ncbiutils_pubmed.xml'), fields: { source: 'PubMed' } });
    expect(result).toMatchObject({ format: 'pubmed-xml', recordsImported: 5, identified: 5, dateRun: null, sourceType: 'database' });
    const records = await getDb().record.findMany({ where: { searchId: result.id }, orderBy: { position: 'asc' } });
    expect(records.map((r) => r.position)).toEqual([1, 2, 3, 4, 5]);
    expect(records.every((r) => r.pmid && /^\d+$/.test(r.pmid))).toBe(true);
    const dex = records.find((r) => r.pmid === '24792780')!;
    expect(dex.abstract.split('\n\n')).toHaveLength(5);
    expect(dex.abstract).toMatch(/^INTRODUCTION: Although clinical use of dexmedetomidine/);
    expect(records.find((r) => r.pmid === '30158200')!.abstract.split('\n\n')[0]).toMatch(/^OBJECTIVES: To identify/);
    expect(records.some((r) => (r.authors as { isCollective?: boolean }[]).some((a) => a.isCollective))).toBe(true);
    expect(records.every((r) => r.raw.startsWith('<PubmedArticle'))).toBe(true);
  });

  it('RIS: Embase export with T1/N2 and a BOM', async () => {
    const { owner, reviewId } = await setup();
    const result = await importSearch(owner.id, reviewId, { file: file('ris/asreview_embase.ris'), fields: { source: 'Embase', query: 'ketamine' } });
    expect(result).toMatchObject({ format: 'ris', recordsImported: 6, source: 'Embase' });
    const records = await getDb().record.findMany({ where: { searchId: result.id } });
    expect(records.every((r) => r.title.length > 0 && r.abstract.length > 0)).toBe(true);
    expect(records.every((r) => r.raw.startsWith('TY  -'))).toBe(true);
  });

  it('CSV: previewed mapping, then imported with that mapping; problem rows skipped and listed', async () => {
    const { owner, reviewId } = await setup();
    const preview = await previewImport(owner.id, reviewId, { file: file('labelled/Cohen_2006_ADHD.csv'), fields: {} });
    expect(preview).toMatchObject({ format: 'csv', recordsRead: 851, recordsImportable: 827, problemRecords: 24 });
    expect(preview.csv!.isSuggested).toBe(true);
    expect(preview.csv!.mapping).toMatchObject({ title: 'title', abstract: 'abstract' });
    expect(preview.csv!.unmappedColumns).toContain('label_included');
    expect(preview.problems.find((p) => p.code === 'csv-mapping-suggested')).toBeDefined();

    await expect(
      importSearch(owner.id, reviewId, { file: file('labelled/Cohen_2006_ADHD.csv'), fields: { source: 'PubMed', csvMapping: JSON.stringify({ fields: preview.csv!.mapping }) } }),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/Cohen_2006_ADHD\.csv: 24 of 851 records have neither a title nor an abstract \(the first starts at line \d+\)/) });
    expect(await getDb().search.count({ where: { reviewId } })).toBe(0);

    const result = await importSearch(owner.id, reviewId, {
      file: file('labelled/Cohen_2006_ADHD.csv'),
      fields: { source: 'PubMed', csvMapping: JSON.stringify({ fields: preview.csv!.mapping }), skipProblemRecords: 'true' },
    });
    expect(result).toMatchObject({ format: 'csv', recordsRead: 851, recordsImported: 827, problemsSkipped: 24, identified: 827 });
    const stored = await getDb().search.findUniqueOrThrow({ where: { id: result.id } });
    const problems = stored.problems as { code: string; line: number }[];
    expect(problems.filter((p) => p.code === 'no-title-or-abstract')).toHaveLength(24);
    expect(problems.every((p) => p.code !== 'no-title-or-abstract' || p.line > 1)).toBe(true);
    // Records keep their place in the file: the skipped rows leave gaps in `position`.
    const maxPosition = await getDb().record.aggregate({ where: { searchId: result.id }, _max: { position: true } });
    expect(maxPosition._max.position).toBeLessThanOrEqual(851);
  });

  it('a MEDLINE record with neither title nor abstract is listed with its line, and skipped on request', async () => {
    const { owner, reviewId } = await setup();
    const upload = () => file('pubmed-medline/ncbiutils_medlines.txt');
    const error = await importSearch(owner.id, reviewId, { file: upload(), fields: { source: 'PubMed' } }).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid', details: { problemRecords: 1 } });
    expect(error.message).toMatch(/ncbiutils_medlines\.txt: 1 of 6 records has neither a title nor an abstract \(the first starts at line 141\)/);
    expect(error.details.problems[0]).toMatchObject({ line: 141, code: 'no-title-or-abstract', message: expect.stringContaining('PMID 33279447') });

    const result = await importSearch(owner.id, reviewId, { file: upload(), fields: { source: 'PubMed', skipProblemRecords: true } });
    expect(result).toMatchObject({ recordsImported: 5, problemsSkipped: 1 });
    expect(await getDb().record.count({ where: { reviewId, pmid: '33279447' } })).toBe(0);
  });

  it('windows-1252 and UTF-16 exports are read with their accents, the fallback stated', async () => {
    const { owner, reviewId } = await setup();
    // Spanish author names; characters outside Latin-1 become "?" so windows-1252 bytes can hold it all.
    const text = fs.readFileSync(path.join(DATA, 'ris/synthesisr_ASP_ris_example.ris'), 'utf8').replace(/^\uFEFF/, '').replace(/[^\u0000-\u00ff]/g, '?');
    const accented = text.match(/\w*[À-ÿ]\w*/)![0];
    const latin = await importSearch(owner.id, reviewId, { file: bytesSource('latin.ris', Buffer.from(text, 'latin1')), fields: { source: 'EBSCO' } });
    expect(latin.problems).toContainEqual(expect.objectContaining({ code: 'encoding-fallback', severity: 'warning' }));
    expect(await getDb().record.count({ where: { searchId: latin.id, raw: { contains: accented } } })).toBeGreaterThan(0);

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const wide = await importSearch(owner.id, reviewId, { file: bytesSource('wide.ris', utf16), fields: { source: 'EBSCO' } });
    expect(wide.recordsImported).toBe(4);
    expect(wide.problems.find((p) => p.code === 'encoding-fallback')).toBeUndefined();
    expect(await getDb().record.count({ where: { searchId: wide.id, raw: { contains: accented } } })).toBeGreaterThan(0);
  });

  it('records are listed with filters, and one record shows every field', async () => {
    const { owner, reviewId } = await setup();
    const s1 = await importSearch(owner.id, reviewId, { file: file('pubmed-medline/reflib_blue-light.nbib'), fields: { source: 'PubMed' } });
    const page = await listReviewRecords(owner.id, reviewId, { limit: '10', offset: '5' });
    expect(page).toMatchObject({ total: 80, limit: 10, offset: 5 });
    expect(page.items).toHaveLength(10);
    expect(page.items[0].position).toBe(6);
    expect((await listReviewRecords(owner.id, reviewId, { hasAbstract: 'false' })).total).toBe(3);
    expect((await listReviewRecords(owner.id, reviewId, { q: 'antirrhinum' })).items.map((r) => r.pmid)).toContain('29657938');
    expect((await listReviewRecords(owner.id, reviewId, { year: '2018', searchId: s1.id })).items.every((r) => r.year === 2018)).toBe(true);
    expect((await listReviewRecords(owner.id, reviewId, { isDuplicate: 'true' })).total).toBe(0);

    const detail = await getReviewRecord(owner.id, reviewId, page.items[0].id);
    expect(detail).toMatchObject({ id: page.items[0].id, search: { id: s1.id, source: 'PubMed' }, survivorId: page.items[0].id, duplicates: [], pairs: [] });
    expect(detail.raw).toMatch(/^PMID- /);
    await expect(getReviewRecord(owner.id, reviewId, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });
});
