import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BibFormat } from '../records/bib-record';
import { detectFormat } from './detect-format';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const FOLDER_FORMAT: Record<string, BibFormat> = {
  'pubmed-medline': 'medline',
  'pubmed-xml': 'pubmed-xml',
  ris: 'ris',
  labelled: 'csv',
};

const shared = Object.entries(FOLDER_FORMAT).flatMap(([folder, format]) =>
  fs.readdirSync(path.join(DATA, folder)).map((name) => ({ folder, name, format })),
);

describe('detectFormat on every shared file', () => {
  it('finds files in every folder', () => {
    expect(shared.length).toBeGreaterThanOrEqual(50);
  });

  it.each(shared)('$folder/$name -> $format (content only, and with a misleading name)', ({ folder, name, format }) => {
    // A 4 KiB sample, as the upload route would read.
    const sample = fs.readFileSync(path.join(DATA, folder, name), 'utf8').slice(0, 4096);
    expect(detectFormat(sample, name).format).toBe(format);
    expect(detectFormat(sample).format).toBe(format);
    expect(detectFormat(sample, 'export.txt').format).toBe(format);
  });

  it('gives a reason', () => {
    const sample = fs.readFileSync(path.join(DATA, 'ris/asreview_ovid_psycinfo.ris'), 'utf8');
    expect(detectFormat(sample)).toEqual({ format: 'ris', reason: expect.stringContaining('TY') });
  });
});

describe('detectFormat edge cases', () => {
  it('RIS after a BOM, Ovid "<1>" numbering and blank lines; MEDLINE after blank lines', () => {
    expect(detectFormat('\uFEFFTY  - JOUR\nTI  - x\nER  - ').format).toBe('ris');
    expect(detectFormat('\n\n<1>\r\nTY  - JOUR\r\nER  - ').format).toBe('ris');
    expect(detectFormat('\nPMID- 123\nTI  - x\n').format).toBe('medline');
    expect(detectFormat('PMC - PMC123\nPMID- 123\n').format).toBe('medline');
  });

  it('PubMed XML by declaration, DOCTYPE or root; other XML is refused with its root', () => {
    expect(detectFormat('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">\n<PubmedArticleSet>').format).toBe('pubmed-xml');
    expect(detectFormat('<PubmedArticleSet><PubmedArticle>').format).toBe('pubmed-xml');
    expect(detectFormat('<?xml version="1.0"?>').format).toBe('pubmed-xml');
    const endnote = detectFormat('<?xml version="1.0" encoding="UTF-8"?><xml><records><record>', 'lib.xml');
    expect(endnote).toEqual({ format: null, reason: expect.stringContaining('<xml>') });
  });

  it('CSV needs a title/abstract column unless the file is named .csv/.tsv', () => {
    expect(detectFormat('Title\tAuthors\tYear\n').format).toBe('csv');
    expect(detectFormat('id;label\n1;0\n').format).toBeNull();
    expect(detectFormat('id;label\n1;0\n', 'data.csv').format).toBe('csv');
  });

  it.each([
    ['empty string', '', /empty/],
    ['whitespace', ' \n\t\n', /empty/],
    ['binary junk', '\u0000\u0001\u0002\u0003PK\u0003\u0004binary', /binary/],
    ['PDF header', '%PDF-1.7\n%âãÏÓ\n1 0 obj', /PDF/],
    ['JSON', '{"records": [{"title": "x"}]}', /JSON/],
    ['JSON array', '[{"title": "x"}]', /JSON/],
    ['HTML page', '<!DOCTYPE html>\n<html><head><title>Login</title>', /HTML/],
    ['plain prose', 'Dear colleague,\nplease find attached the results of our search, as promised.\n', /not a bibliographic export/],
    ['BibTeX', '@article{smith2020,\n  title={x}\n}', /BibTeX/],
    ['WoS plain text', 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n', /Web of Science/],
  ])('%s -> null with a reason', (_label, sample, reason) => {
    const result = detectFormat(sample, 'upload.txt');
    expect(result.format).toBeNull();
    expect(result.reason).toMatch(reason);
    expect(result.reason).toContain('upload.txt');
  });

  it('a name that promises a format does not override the content', () => {
    expect(detectFormat('just some notes\n', 'search.ris')).toEqual({
      format: null,
      reason: expect.stringContaining('named .ris'),
    });
  });
});

describe('layouts met outside shared/data', () => {
  it('takes a file whose records follow a provider header block (JSTOR, Wiley) as RIS', () => {
    const text = 'Provider: JSTOR http://www.jstor.org\r\nDatabase: JSTOR\r\nContent: text/plain; charset="UTF-8"\r\n\r\nTY  - JOUR\r\nTI  - T\r\nER  - \r\n';
    expect(detectFormat(text, 'jstor.ris').format).toBe('ris');
  });

  it('names an older Web of Science plain-text file and says to export RIS', () => {
    const d = detectFormat('FN Thomson Reuters Web of Knowledge\nVR 1.0\nPT J\nAU Smith, J\nER\nEF\n', 'savedrecs.txt');
    expect(d.format).toBeNull();
    expect(d.reason).toContain('Web of Science plain-text format');
    expect(d.reason).toContain('export it as RIS');
  });

  it('still refuses a header block followed by MEDLINE tags as RIS', () => {
    expect(detectFormat('Provider: X\nPMID- 1\nTI  - T\nTY  - JOUR\n', 'x.txt').format).not.toBe('ris');
  });
});
