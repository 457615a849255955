/**
 * RIS reader. Format source: the RIS specification of Research Information Systems (RefMan,
 * "RIS Format Specifications", 2011: `XX  - value`, TY opens and ER closes a record), plus the
 * tag usage of real exports in shared/data/ris (EndNote, Zotero, Ovid, EBSCOhost, Embase,
 * Scopus, Web of Science, Lens, Dimensions, ProQuest, Rayyan).
 *
 * Rules worth knowing (each one comes from a real file):
 * - Lines outside a TY..ER block are ignored: Ovid numbering ("1.", "<1>"), Ovid "Link to..."
 *   lines and stray tags after ER, blank lines.
 * - An untagged line continues the previous tag. Text fields join continuations with a space;
 *   KW continuations are separate keywords (EndNote writes one keyword per line under one KW).
 * - Authors are AU and A1 only, in file order; A2/A3/A4 are editors/series/subsidiary authors.
 * - Abstract: the first AB/N2 value that is not just a publisher copyright notice (EBSCOhost
 *   repeats AB with "Copyright of <journal> is the property of ..."; see isCopyrightNotice).
 * - DOI: DO, else L3 (EBSCOhost), else a doi.org / "/doi/" / "doi=" URL in UR/L1/L2, else N1 when
 *   it names exactly one distinct DOI (EndNote puts the PubMed citation with "doi: ..." in N1;
 *   Scopus N1 can hold whole reference lists, so several DOIs there mean "don't know").
 * - PMID from AN only when AN is 1-8 digits AND the record names PubMed/MEDLINE/NLM in DB/DP
 *   without naming Embase, or links a PubMed URL with that number. AN is an accession number
 *   of whatever database exported the file (PsycInfo "2022-96522-001", Dimensions "pub.114...",
 *   Rayyan "rayyan-264552525", WoS "WOS:000..."), so digits alone do not make a PMID. Ovid
 *   MEDLINE writes no AN: its link's "AN=" parameter is the PMID.
 * - "NA" (R's missing value, in files written by R tools) is no value.
 */
import { parseAll, emptyRecord, type BibRecord, type ParseProblem, type ParseResult, type ParsedRecord, type StreamingParser } from '../records/bib-record';
import { cleanText, expandPages, normalizeDoi, splitPersonName, yearFrom } from '../records/normalize';

/** `XX  - value`, `XX  -` (empty) and the one-space `XX - value` variant. */
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?:[ \t]+(.*))?$/;

interface Line {
  text: string;
  eol: string;
  line: number;
}

/** Splits chunks into lines (CRLF, LF or lone CR), keeping terminators for exact raw text. */
function lineSplitter() {
  let buffer = '';
  let lineNo = 0;
  let started = false;
  const split = (text: string, final: boolean): Line[] => {
    const out: Line[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A CR ending the chunk may be half of a CRLF split across chunks: wait for the next one.
      if (c === 13 && i === text.length - 1 && !final) break;
      const eol = c === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : c === 13 ? '\r' : '\n';
      out.push({ text: text.slice(start, i), eol, line: ++lineNo });
      i += eol.length - 1;
      start = i + 1;
    }
    buffer = text.slice(start);
    if (final && buffer) out.push({ text: buffer, eol: '', line: ++lineNo });
    return out;
  };
  return {
    push(chunk: string): Line[] {
      let text = buffer + chunk;
      if (!started && text) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 BOM decoded as U+FEFF
      }
      return split(text, false);
    },
    end: (): Line[] => split(buffer, true),
  };
}

interface Entry {
  tag: string;
  value: string;
}

interface Pending {
  line: number;
  raw: string[];
  entries: Entry[];
}

/**
 * EBSCOhost's second AB: "Copyright of X is the property of Y and its content may not be copied
 * ...". A paragraph is dropped only when it starts like a notice and is short enough to be only
 * a notice; an abstract that merely begins with "© 2020 Elsevier" and goes on is kept.
 */
function isCopyrightNotice(text: string): boolean {
  if (/^copyright of .+ is the property of /i.test(text)) return true;
  return /^(?:copyright\b|©|\(c\)\s)/i.test(text) && text.length < 400;
}

function tidyDate(value: string | undefined): string | undefined {
  // RIS dates are "YYYY/MM/DD/other"; drop empty parts and Zotero's literal "undefined".
  if (!value) return undefined;
  const parts = value.split('/').map((p) => p.trim());
  while (parts.length && (parts[parts.length - 1] === '' || parts[parts.length - 1] === 'undefined')) parts.pop();
  return cleanText(parts.join('/'));
}

function doiFromUrl(url: string): string | undefined {
  if (/(?:^|\/\/)(?:dx\.)?doi\.org\/|\/doi\/(?:abs\/|full\/|pdf\/|epdf\/)?10\.|[?&]doi=10\./i.test(url)) {
    const m = url.match(/10\.\d{4,9}(?:\/|%2f)[^&\s#]+/i);
    return m ? normalizeDoi(m[0]) : undefined;
  }
  return undefined;
}

/** splitPersonName plus Embase/Scopus "Liu R." / "Adler D.G." (initials with dots, no comma). */
function personName(name: string): { family: string; given?: string } {
  const split = splitPersonName(name);
  if (split.given || name.includes(',')) return split;
  const m = name.match(/^(.*\S)\s+((?:[A-Z]\.[\s-]?){1,4})$/);
  return m ? { family: m[1], given: m[2].trim() } : split;
}

export function risToRecord(entries: Entry[]): BibRecord {
  // "NA" is R's missing value: files written by R tools (CiteSource, synthesisr, revtools) have
  // "AB  - NA" where there is no abstract.
  const values = (...tags: string[]) =>
    entries.filter((e) => tags.includes(e.tag)).map((e) => cleanText(e.value)).filter((v): v is string => !!v && v !== 'NA');
  const first = (...tags: string[]) => tags.map((t) => values(t)[0]).find((v) => v !== undefined);
  const rec = emptyRecord();

  rec.title = first('TI', 'T1', 'CT') ?? first('ST');
  rec.abstract = values('AB', 'N2').find((v) => !isCopyrightNotice(v));
  for (const name of values('AU', 'A1')) {
    const { family, given } = personName(name);
    rec.authors.push({ name, family, ...(given ? { given } : {}) });
  }
  // Journal names: JF/JO/T2 may hold the full or the abbreviated name depending on the exporter.
  const journals = values('JF', 'JO', 'T2');
  rec.journal = journals.reduce<string | undefined>((best, j) => (!best || j.length > best.length ? j : best), undefined);
  rec.journalAbbrev = first('JA', 'J2');

  rec.year = ['PY', 'Y1', 'DA'].map((t) => values(t).map(yearFrom).find((y) => y)).find((y) => y);
  // EndNote and WoS write DA without a year ("Mar 1", "SEP-OCT"): prefix the year, as in MEDLINE DP.
  const da = tidyDate(first('DA'));
  const py = tidyDate(first('PY') ?? first('Y1'));
  rec.publicationDate = da && !yearFrom(da) && rec.year ? `${rec.year} ${da}` : (da ?? py);
  rec.volume = first('VL');
  rec.issue = first('IS');
  const sp = first('SP');
  const ep = first('EP');
  if (sp && ep && !/^not? specified$/i.test(`${sp} ${ep}`)) rec.pages = expandPages(`${sp}-${ep}`);
  else if (sp && !ep) rec.pages = expandPages(sp);

  rec.doi =
    values('DO').map(normalizeDoi).find((d) => d) ??
    values('L3').map(normalizeDoi).find((d) => d) ??
    values('UR', 'L1', 'L2').map(doiFromUrl).find((d) => d);
  if (!rec.doi) {
    const inNotes = new Set(
      entries.filter((e) => e.tag === 'N1').flatMap((e) => [...e.value.matchAll(/\bdoi:\s*(10\.\d{4,9}\/\S+)/gi)].map((m) => normalizeDoi(m[1]))),
    );
    if (inNotes.size === 1) rec.doi = [...inNotes][0];
  }
  // Several links in one UR are separated by "; " (Inciteful): the first, without the separator.
  rec.url = values('UR', 'L2', 'L1')
    .map((u) => u.split(/\s+/)[0].replace(/;$/, ''))
    .find((u) => /^https?:\/\//i.test(u));

  const keywords = entries
    .filter((e) => e.tag === 'KW')
    .flatMap((e) => e.value.split(/[\n;]/))
    .map((k) => cleanText(k))
    .filter((k): k is string => !!k);
  rec.keywords = [...new Set(keywords)];

  const issn = first('SN')?.match(/(?<![\d-])(\d{4})-?(\d{3}[\dXx])(?![\d-])/);
  if (issn) rec.issn = `${issn[1]}-${issn[2].toUpperCase()}`;
  rec.language = first('LA');
  const db = first('DB');
  const dp = first('DP');
  rec.sourceDatabase = db && dp && db !== dp ? `${db} (${dp})` : (db ?? dp);

  const source = [db, dp].filter(Boolean).join(' ');
  const pubmedSource = /pubmed|medline|\bnlm\b/i.test(source) && !/embase/i.test(source);
  const an = first('AN');
  if (an && /^\d{1,8}$/.test(an)) {
    const pubmedUrl = values('UR', 'L2', 'L1').some((u) => new RegExp(`pubmed[^\\s]*\\b${an}\\b`, 'i').test(u));
    if (pubmedSource || pubmedUrl) rec.pmid = an;
  }
  // Ovid MEDLINE writes no AN tag: the accession number, the PMID, is in its link ("...&AN=38865135").
  if (!rec.pmid && pubmedSource) {
    const fromLink = values('L2', 'UR', 'L1').map((u) => u.match(/[?&]AN=(\d{1,8})(?:&|$)/)?.[1]).find((v) => v);
    if (fromLink) rec.pmid = fromLink;
  }

  for (const key of Object.keys(rec) as (keyof BibRecord)[]) if (rec[key] === undefined) delete rec[key];
  return rec;
}

export function createRisParser(): StreamingParser {
  const lines = lineSplitter();
  const problems: ParseProblem[] = [];
  let current: Pending | null = null;
  let count = 0;
  let sawRecord = false;

  const finish = (p: Pending, out: ParsedRecord[]) => {
    const raw = p.raw.join('').replace(/(?:\r\n|\r|\n)$/, '');
    const record = risToRecord(p.entries);
    const recordIndex = count++;
    if (!record.title && !record.abstract) {
      problems.push({
        line: p.line,
        severity: 'warning',
        code: 'no-title-or-abstract',
        message: `Record starting at line ${p.line} has neither a title nor an abstract`,
        recordIndex,
      });
    }
    out.push({ record, line: p.line, raw });
  };

  const handle = (l: Line, out: ParsedRecord[]) => {
    const text = l.text.replace(/\s+$/, '');
    const m = TAG_LINE.exec(text);
    const tag = m?.[1];
    if (!current) {
      // Anything before TY (numbering lines, notes, stray tags after an ER) is not part of a record.
      if (tag === 'TY') {
        current = { line: l.line, raw: [l.text + l.eol], entries: [{ tag, value: m?.[2] ?? '' }] };
        sawRecord = true;
      }
      return;
    }
    if (tag === 'TY') {
      problems.push({
        line: l.line,
        severity: 'warning',
        code: 'missing-er',
        message: `Record starting at line ${current.line} has no ER line before the next TY at line ${l.line}; treated as ended there`,
      });
      finish(current, out);
      current = { line: l.line, raw: [l.text + l.eol], entries: [{ tag, value: m?.[2] ?? '' }] };
      return;
    }
    current.raw.push(l.text + l.eol);
    if (tag === 'ER') {
      finish(current, out);
      current = null;
    } else if (tag) {
      current.entries.push({ tag, value: m?.[2] ?? '' });
    } else if (text.trim()) {
      // Untagged line: continuation of the previous tag, kept on its own line for KW splitting.
      const last = current.entries[current.entries.length - 1];
      last.value += `\n${text.trim()}`;
    }
  };

  return {
    problems,
    push(chunk: string): ParsedRecord[] {
      const out: ParsedRecord[] = [];
      for (const l of lines.push(chunk)) handle(l, out);
      return out;
    },
    end(): ParsedRecord[] {
      const out: ParsedRecord[] = [];
      for (const l of lines.end()) handle(l, out);
      const open = current as Pending | null;
      if (open) {
        problems.push({
          line: open.line,
          severity: 'error',
          code: 'truncated',
          message: `The file ends inside the record starting at line ${open.line} (no ER line): the file looks truncated, so that record was not imported. If the file is complete and its exporter left out the last "ER  - " line, add it at the end and import the file again`,
        });
        current = null;
      }
      if (!sawRecord) {
        problems.push({
          severity: 'error',
          code: 'not-a-bibliographic-file',
          message: 'No RIS record found: no line starts with "TY  - "',
        });
      }
      return out;
    },
  };
}

export function parseRis(text: string): ParseResult {
  return parseAll('ris', createRisParser(), text);
}
