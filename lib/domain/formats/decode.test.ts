import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

function text(result: ReturnType<typeof decodeText>): string {
  if (!('text' in result)) throw new Error(`expected text, got ${result.problem.code}`);
  return result.text;
}

describe('decodeText', () => {
  it('strips a UTF-8 BOM (real Embase export) and keeps UTF-8 as is', () => {
    const raw = fs.readFileSync(path.join(DATA, 'ris/asreview_embase.ris'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const result = decodeText(raw, 'asreview_embase.ris');
    expect(text(result).startsWith('TY  - JOUR')).toBe(true);
    expect('warning' in result).toBe(false);
    expect(text(decodeText(utf8('TI  - Müller – µg'), 'a.ris'))).toBe('TI  - Müller – µg');
  });

  it('reads every shared file as UTF-8 without a fallback warning', () => {
    for (const folder of ['ris', 'pubmed-medline', 'pubmed-xml', 'labelled']) {
      for (const name of fs.readdirSync(path.join(DATA, folder))) {
        const result = decodeText(fs.readFileSync(path.join(DATA, folder, name)), name);
        expect('text' in result && !result.warning, name).toBe(true);
      }
    }
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    const s = 'TY  - JOUR\r\nTI  - Ünïcode ✓\r\nER  - ';
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(text(decodeText(new Uint8Array(le), 'excel.txt'))).toBe(s);
    expect(text(decodeText(new Uint8Array(be), 'mac.txt'))).toBe(s);
  });

  it('falls back to windows-1252 only for invalid UTF-8, with a warning naming the file', () => {
    // "Müller “quoted” – 5 €" in windows-1252: ü=FC, “=93, ”=94, –=96, €=80.
    const cp1252 = bytes(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80);
    const result = decodeText(cp1252, 'old-endnote.ris');
    expect(text(result)).toBe('Müller “q” – 5 €');
    expect(result).toMatchObject({ warning: { code: 'encoding-fallback', severity: 'warning' } });
    expect('warning' in result && result.warning?.message).toContain('old-endnote.ris');
    // Valid UTF-8 that would also be valid windows-1252 ("Ã¼" bytes) stays UTF-8.
    expect(text(decodeText(utf8('Müller'), 'x.ris'))).toBe('Müller');
  });

  it('rejects binary content: NUL bytes, or many control characters in the first KB', () => {
    const pdfLike = bytes(0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02);
    expect(decodeText(pdfLike, 'paper.pdf')).toEqual({
      problem: { severity: 'error', code: 'binary-file', message: expect.stringContaining('paper.pdf') },
    });
    const controls = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 0x01 : 0x41));
    expect(decodeText(controls, 'blob.bin')).toMatchObject({ problem: { code: 'binary-file' } });
    const zip = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00);
    expect(decodeText(zip, 'export.zip')).toMatchObject({ problem: { code: 'binary-file' } });
  });

  it('rejects empty and whitespace-only files, naming the file', () => {
    expect(decodeText(new Uint8Array(0), 'empty.ris')).toEqual({
      problem: { severity: 'error', code: 'empty-file', message: expect.stringContaining('empty.ris') },
    });
    expect(decodeText(utf8('\uFEFF \r\n\t\n'), 'blank.csv')).toMatchObject({ problem: { code: 'empty-file' } });
  });
});
