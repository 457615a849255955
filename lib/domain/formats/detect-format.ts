/**
 * Tells which bibliographic export a file is, from its first few KB of decoded text. Format
 * sources: NLM MEDLINE display format (`PMID- `), the PubMed DTD (PubmedArticleSet), the RIS
 * specification of Research Information Systems (`TY  - `), RFC 4180 for CSV.
 *
 * Content decides; the file name only breaks ties (a delimited header with no known column name
 * counts as CSV only when the file is named .csv/.tsv), because users rename files and
 * databases save RIS as .txt. Anything else gets null and a reason the user can act on.
 */
import type { BibFormat } from '../records/bib-record';
import { detectDelimiter, suggestCsvMapping } from './csv';

export interface DetectedFormat {
  format: BibFormat | null;
  reason: string;
}

/** Ovid prints "1." or "<1>" before each RIS record. */
const NUMBERING = /^(?:<\d+>|\d+\.)$/;
const MEDLINE_TAG = /^[A-Z][A-Z0-9]{1,3} {0,3}- /;

function parseCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

export function detectFormat(sample: string, fileName?: string): DetectedFormat {
  const name = fileName ?? 'the file';
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const text = sample.replace(/^\uFEFF/, '');
  if (!text.trim()) return { format: null, reason: `${name} is empty` };

  const head = text.slice(0, 4096);
  const controls = [...head].filter((c) => /[\u0000-\u0008\u000E-\u001F\uFFFD]/.test(c)).length;
  if (head.includes('\u0000') || controls > head.length * 0.05) {
    return { format: null, reason: `${name} looks like a binary file (control characters), not a text export` };
  }

  const lines = text.split(/\r\n|\r|\n/).map((l) => l.replace(/\s+$/, ''));
  const content = lines.filter((l) => l.trim() !== '');
  const first = content[0].trimStart();

  if (first.startsWith('%PDF')) return { format: null, reason: `${name} is a PDF document, not a bibliographic export` };
  if (/^[[{]/.test(first)) return { format: null, reason: `${name} looks like JSON; export RIS, PubMed (MEDLINE), PubMed XML or CSV instead` };
  if (/^<(?:\?xml|!DOCTYPE|[A-Za-z])/i.test(first)) {
    const root = head.match(/<(?!\?|!)([A-Za-z][\w:.-]*)/)?.[1];
    if (/^<!DOCTYPE\s+html|^<html/i.test(first) || root?.toLowerCase() === 'html') {
      return { format: null, reason: `${name} is a web page (HTML), not an export file` };
    }
    if (root === 'PubmedArticleSet' || /<!DOCTYPE\s+PubmedArticleSet/.test(head) || (!root && first.startsWith('<?xml'))) {
      return { format: 'pubmed-xml', reason: root ? 'PubmedArticleSet XML (PubMed XML)' : 'XML declaration; root element not yet in the sample' };
    }
    return { format: null, reason: `${name} is XML with root <${root}>, not PubMed XML (PubmedArticleSet)` };
  }

  // Text formats: look at the first non-blank lines, skipping Ovid numbering lines.
  const firstLines = content.filter((l) => !NUMBERING.test(l.trim())).slice(0, 12);
  if (/^TY {1,2}- ?/.test(firstLines[0] ?? '')) return { format: 'ris', reason: 'first record starts with "TY  - " (RIS)' };
  // JSTOR (and, as other readers report, Wiley and the Cochrane Library) write a block such as
  // "Provider: JSTOR" / "Database: JSTOR" / "Content: text/plain" before each record; the RIS
  // reader skips lines outside TY..ER, so a TY line just after such lines makes the file RIS.
  const ty = firstLines.findIndex((l) => /^TY {1,2}- ?/.test(l));
  if (ty > 0 && firstLines.slice(0, ty).every((l) => !MEDLINE_TAG.test(l) && !/^TY|^ER/.test(l))) {
    return { format: 'ris', reason: `a "TY  - " record after a header block ("${firstLines[0].slice(0, 40)}") (RIS)` };
  }
  if (MEDLINE_TAG.test(firstLines[0] ?? '') && firstLines.some((l) => /^PMID- /.test(l))) {
    return { format: 'medline', reason: 'tagged lines with "PMID- " (PubMed MEDLINE format)' };
  }
  if (/^FN /.test(first) && (/Web of Science|Web of Knowledge|Clarivate|Thomson Reuters|ISI/i.test(first) || /^VR /.test(content[1] ?? ''))) {
    return { format: null, reason: `${name} is Web of Science plain-text format, which is not supported: export it as RIS instead` };
  }
  if (/^@[a-z]+\s*[{(]/i.test(first)) return { format: null, reason: `${name} is BibTeX, which is not supported: export RIS instead` };

  const delimiter = detectDelimiter(firstLines[0]);
  const cells = parseCells(firstLines[0], delimiter);
  const headerLike = cells.length >= 2 && cells.every((c) => c.length > 0 && c.length <= 60);
  if (headerLike) {
    const mapped = suggestCsvMapping(cells).fields;
    const label = delimiter === '\t' ? 'tab' : delimiter === ';' ? 'semicolon' : 'comma';
    if (mapped.title || mapped.abstract) {
      return { format: 'csv', reason: `${label}-delimited header row with a title/abstract column` };
    }
    if (ext === 'csv' || ext === 'tsv') {
      return { format: 'csv', reason: `${label}-delimited header row and a .${ext} file name; no column is named like a title or abstract` };
    }
  }
  if (ext === 'ris' || ext === 'nbib' || ext === 'xml' || ext === 'csv' || ext === 'tsv') {
    return { format: null, reason: `${name} is named .${ext} but its content is not in that format` };
  }
  return { format: null, reason: `${name} is not a bibliographic export this app reads (RIS, PubMed MEDLINE, PubMed XML or CSV)` };
}
