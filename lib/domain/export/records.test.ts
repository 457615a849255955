import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BibRecord } from '../records/bib-record';
import { parseCsv } from '../formats/csv';
import { parseMedline } from '../formats/medline';
import { parseRis } from '../formats/ris';
import { RECORD_CSV_HEADER, standingNote, toRecordCsv, toRisRecord, type ExportRecord } from './records';

// Real exports, never copied into the repo (see shared/data/SOURCES.md).
const DATA = path.resolve(__dirname, '../../../../shared/data');
const read = (rel: string) => fs.readFileSync(path.join(DATA, rel), 'utf8');

function toExport(r: BibRecord, i: number, source: string): ExportRecord {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, source, position: i + 1,
    pmid: r.pmid ?? null, doi: r.doi ?? null, title: r.title ?? '', authors: r.authors, year: r.year ?? null,
    publicationDate: r.publicationDate ?? null, journal: r.journal ?? null, journalAbbrev: r.journalAbbrev ?? null,
    volume: r.volume ?? null, issue: r.issue ?? null, pages: r.pages ?? null, abstract: r.abstract ?? '', keywords: r.keywords,
    language: r.language ?? null, issn: r.issn ?? null, url: r.url ?? null, removedReason: null, duplicateOfId: null,
    screening: { title_abstract: { outcome: 'included', decisions: 2 }, full_text: { outcome: 'excluded', decisions: 2, reason: { label: 'Wrong outcome', kind: 'standard' } } },
  };
}

const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The fields a reader must get back, compared as a reference manager would show them. */
function comparable(r: BibRecord, options: { url: boolean }) {
  return {
    pmid: r.pmid, doi: r.doi, title: squash(r.title), abstract: squash(r.abstract), year: r.year, publicationDate: r.publicationDate,
    journal: r.journal, journalAbbrev: r.journalAbbrev, volume: r.volume, issue: r.issue, pages: r.pages, language: r.language, issn: r.issn,
    authors: r.authors.map((a) => (a.isCollective || !a.family ? [a.name.replace(/,$/, ''), null] : [a.family, a.given ?? null])), keywords: r.keywords.map(squash),
    ...(options.url ? { url: r.url } : {}),
  };
}

const SOURCES = [
  { file: 'pubmed-medline/reflib_blue-light.nbib', parse: parseMedline, source: 'PubMed' },
  { file: 'ris/citesource_gambling-harms_scopus_255.ris', parse: parseRis, source: 'Scopus' },
  { file: 'ris/asreview_embase.ris', parse: parseRis, source: 'Embase' },
];

describe('records exported as RIS', () => {
  it.each(SOURCES)('are read back by the RIS reader with the same fields: $file', ({ file, parse, source }) => {
    const original = parse(read(file)).records.map((p) => p.record);
    expect(original.length).toBeGreaterThan(5);
    const ris = original.map((r, i) => toRisRecord(toExport(r, i, source))).join('');
    const back = parseRis(ris);
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(back.records).toHaveLength(original.length);
    back.records.forEach(({ record }, i) => {
      // With no URL of its own, a record with a PMID gets its PubMed link as URL.
      expect(comparable(record, { url: !!original[i].url })).toEqual(comparable(original[i], { url: !!original[i].url }));
    });
  });

  it('writes one value per line, so a line break in a field never starts a tag', () => {
    const r = toExport({ title: 'Ketamine\nER  - broken', abstract: 'BACKGROUND: a.\n\nMETHODS: b.', authors: [{ name: 'Doe, Jane', family: 'Doe', given: 'Jane' }], keywords: [], meshTerms: [], publicationTypes: [] }, 0, 'PubMed');
    const ris = toRisRecord(r);
    expect(ris.split('\r\n').filter((l) => l.startsWith('ER  -'))).toHaveLength(1);
    expect(ris).toContain('TI  - Ketamine ER - broken\r\n');
    expect(ris).toContain('AB  - BACKGROUND: a. METHODS: b.\r\n');
    expect(ris).toContain('N1  - Sieve screening: title/abstract: included (2 decisions); full text: excluded, Wrong outcome (2 decisions)\r\n');
    expect(parseRis(ris).records[0].record.title).toBe('Ketamine ER - broken');
  });
});

describe('records exported as CSV', () => {
  it.each(SOURCES)('are read back by the CSV reader with the same fields: $file', ({ file, parse, source }) => {
    const original = parse(read(file)).records.map((p) => p.record);
    const rows = original.map((r, i) => toExport(r, i, source));
    // Written in two batches, as the streamed export does: one header only.
    const csv = toRecordCsv(rows.slice(0, 3), true) + toRecordCsv(rows.slice(3), false);
    expect(csv.split('\r\n')[0]).toBe(RECORD_CSV_HEADER.join(','));
    expect(csv.match(/^sieve_id,/gm)).toHaveLength(1);
    const back = parseCsv(csv);
    expect(back.records).toHaveLength(original.length);
    back.records.forEach(({ record }, i) => expect(comparable(record, { url: true })).toEqual(comparable(original[i], { url: true })));
  });

  it('carries the screening standing only for the stages given', () => {
    const r = toExport({ title: 'T', authors: [], keywords: [], meshTerms: [], publicationTypes: [] }, 0, 'PubMed');
    const csv = toRecordCsv([{ ...r, screening: { title_abstract: { outcome: 'conflict', decisions: 2 } } }], true);
    const [header, row] = parseCsvRows(csv);
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('title_abstract_outcome'), cell('title_abstract_decisions'), cell('full_text_outcome'), cell('full_text_reason')]).toEqual(['conflict', '2', '', '']);
    expect(standingNote({})).toBeUndefined();
    expect(standingNote({ full_text: { outcome: 'excluded', decisions: 1, reason: { label: 'Full text not retrievable', kind: 'not_retrieved' } } })).toBe('Sieve screening: full text: excluded, full text not retrieved (1 decision)');
  });
});

/** Header and first row of a small CSV without quoted commas. */
function parseCsvRows(csv: string): string[][] {
  return csv.trim().split('\r\n').map((l) => l.split(','));
}
