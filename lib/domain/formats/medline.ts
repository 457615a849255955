/**
 * PubMed MEDLINE (.nbib, "PubMed format") reader.
 * Format source: NLM "MEDLINE/PubMed Data Element (Field) Descriptions"
 * (https://www.nlm.nih.gov/bsd/mms/medlineelements.html) and the PubMed User Guide's description
 * of the PubMed (MEDLINE) display format: a tag padded to four characters, "- ", the value;
 * continuation lines indented by six spaces; records separated by blank lines, each with a PMID.
 */
import { parseAll, emptyRecord, type BibAuthor, type BibRecord, type ParsedRecord, type ParseResult, type StreamingParser } from '../records/bib-record';
import { expandPages, normalizeDoi, splitPersonName, yearFrom } from '../records/normalize';
import { clean, dropUndefined, noTitleOrAbstractMessage, ProblemLog, stripTranslationBrackets } from './pubmed-common';

// Tag of 2-4 capitals/digits, padded with spaces, then "-" and a space (or nothing: "AB  -" is an empty value).
const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) {0,3}-(?: |$)/;

// A line this long outside any record is not MEDLINE (binary or minified data): stop buffering it.
const MAX_JUNK_LINE = 1 << 20;

interface Block {
  /** Offsets into the parser buffer: start of the first line, end of the last non-blank line. */
  start: number;
  end: number;
  line: number;
  tags: string[];
  /**
   * Where each value starts and ends, relative to `start`. A wrapped value is later sliced in one
   * piece, newlines and indentation included, and cleanText turns those into single spaces: no
   * string is built line by line.
   */
  from: number[];
  to: number[];
  /** False after a stray line, so a following continuation line cannot glue it into a value. */
  open: boolean;
  hasPmid: boolean;
}

export function createMedlineParser(): StreamingParser {
  const log = new ProblemLog();
  let buf = ''; // text from the start of the open block (or of the unfinished line) onwards
  let scan = 0; // offset in buf where the next unprocessed line starts
  let searchFrom = 0; // buf has no '\n' between scan and here
  let lineNo = 1; // line number of the line starting at `scan`
  let skippingJunk = false;
  let block: Block | null = null;
  let recordCount = 0;
  let started = false;
  let sawContent = false;
  let ended = false;
  let out: ParsedRecord[] = [];

  function unexpectedLine(): void {
    log.warn(
      'unexpected-line',
      `Line ${lineNo} is neither a MEDLINE tag line ("TAG - value") nor an indented continuation line; it was ignored`,
      lineNo,
    );
  }

  function finishBlock(): void {
    const b = block!;
    block = null;
    if (!b.hasPmid) {
      log.warn('no-pmid', `Tagged lines starting at line ${b.line} have no PMID- line and were skipped`, b.line);
      return;
    }
    const values = b.tags.map((_, i) => buf.slice(b.start + b.from[i], b.start + b.to[i]));
    const record = buildRecord(b.tags, values);
    const index = recordCount++;
    out.push({ record, line: b.line, raw: buf.slice(b.start, b.end) });
    if (!record.title && !record.abstract) {
      const msg = noTitleOrAbstractMessage(b.line, record.pmid, !!record.titleVernacular);
      log.warn('no-title-or-abstract', msg, b.line, index);
    }
  }

  function onLine(start: number, end: number): void {
    if (start === end) {
      if (block) finishBlock();
      return;
    }
    const first = buf.charCodeAt(start);
    if (first === 32 || first === 9) {
      let k = start + 1;
      while (k < end && (buf.charCodeAt(k) === 32 || buf.charCodeAt(k) === 9)) k++;
      const blank = k === end;
      if (!blank) sawContent = true;
      if (blank) {
        if (block) finishBlock();
      } else if (block?.open) {
        block.to[block.to.length - 1] = end - block.start;
        block.end = end;
      } else {
        unexpectedLine();
      }
      return;
    }
    sawContent = true;
    const text = buf.slice(start, end);
    const m = TAG_LINE.exec(text);
    if (!m) {
      unexpectedLine();
      if (block) {
        block.end = end; // keep it in the record's raw text: the audit trail shows what was there
        block.open = false;
      }
      return;
    }
    const tag = m[1];
    // Some tools concatenate exports without the blank separator line: a second PMID starts a record.
    if (tag === 'PMID' && block?.hasPmid) finishBlock();
    if (!block) block = { start, end, line: lineNo, tags: [], from: [], to: [], open: true, hasPmid: false };
    if (tag === 'PMID') block.hasPmid = true;
    block.tags.push(tag);
    block.from.push(start + m[0].length - block.start);
    block.to.push(end - block.start);
    block.open = true;
    block.end = end;
  }

  function drain(final: boolean): void {
    for (;;) {
      const nl = buf.indexOf('\n', searchFrom);
      if (nl < 0) break;
      if (skippingJunk) skippingJunk = false;
      else onLine(scan, nl > scan && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      scan = searchFrom = nl + 1;
      lineNo++;
    }
    searchFrom = buf.length;
    if (final && scan < buf.length && !skippingJunk) {
      const end = buf.charCodeAt(buf.length - 1) === 13 ? buf.length - 1 : buf.length;
      onLine(scan, end);
      scan = searchFrom = buf.length;
    }
    if (!block && buf.length - scan > MAX_JUNK_LINE) {
      if (!skippingJunk) unexpectedLine();
      skippingJunk = sawContent = true;
      scan = searchFrom = buf.length;
    }
    // Drop everything the open record does not need, so memory stays at one record plus one chunk.
    const keep = block ? block.start : scan;
    if (keep > 0) {
      buf = buf.slice(keep);
      scan -= keep;
      searchFrom -= keep;
      if (block) {
        block.start -= keep;
        block.end -= keep;
      }
    }
  }

  function take(): ParsedRecord[] {
    const done = out;
    out = [];
    return done;
  }

  return {
    push(chunk: string): ParsedRecord[] {
      if (ended || !chunk) return [];
      if (!started) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      buf += chunk;
      drain(false);
      return take();
    },
    end(): ParsedRecord[] {
      if (ended) return [];
      ended = true;
      drain(true);
      if (block) finishBlock();
      if (recordCount === 0) {
        // Warnings about lines of a file that is not MEDLINE at all only bury the one message that matters.
        log.list.length = 0;
        log.error(
          'not-a-bibliographic-file',
          !sawContent
            ? 'The file is empty: it is not a PubMed MEDLINE (.nbib) file'
            : 'No record starting with a "PMID- " line was found: this is not a PubMed MEDLINE (.nbib) file',
          1,
        );
      } else {
        log.flushCaps();
      }
      buf = '';
      return take();
    },
    get problems() {
      return log.list;
    },
  };
}

export function parseMedline(text: string): ParseResult {
  return parseAll('medline', createMedlineParser(), text);
}

function buildRecord(tags: string[], values: string[]): BibRecord {
  const r = emptyRecord();
  // FAU is the full name but only exists since 2002; AU covers older records. CN sits in both
  // lists at its own position so collective authors keep their place in the byline.
  const full: BibAuthor[] = [];
  const short: BibAuthor[] = [];
  let lidDoi: string | undefined;
  let aidDoi: string | undefined;
  for (let i = 0; i < tags.length; i++) {
    const v = values[i];
    switch (tags[i]) {
      case 'PMID': r.pmid ??= clean(v); break;
      case 'TI': r.title ??= stripTranslationBrackets(clean(v)); break;
      case 'TT': r.titleVernacular ??= clean(v); break;
      case 'AB': r.abstract ??= structureAbstract(clean(v)); break;
      case 'FAU': pushPerson(full, v); break;
      case 'AU': pushPerson(short, v); break;
      case 'CN': {
        const name = clean(v);
        if (name) {
          full.push({ name, isCollective: true });
          short.push({ name, isCollective: true });
        }
        break;
      }
      case 'DP': r.publicationDate ??= clean(v); break;
      case 'JT': r.journal ??= clean(v); break;
      case 'TA': r.journalAbbrev ??= clean(v); break;
      case 'VI': r.volume ??= clean(v); break;
      case 'IP': r.issue ??= clean(v); break;
      case 'PG': r.pages ??= expandPages(clean(v)); break;
      // LID is the article's own locator; AID lists every id PubMed holds. Both mark DOIs with "[doi]".
      case 'LID': if (!lidDoi && v.includes('[doi]')) lidDoi = normalizeDoi(v); break;
      case 'AID': if (!aidDoi && v.includes('[doi]')) aidDoi = normalizeDoi(v); break;
      case 'MH': pushClean(r.meshTerms, v); break;
      // A leading "*" marks a major keyword; XML carries that as an attribute, so drop it here too.
      case 'OT': pushClean(r.keywords, v.replace(/^\s*\*/, '')); break;
      case 'PT': pushClean(r.publicationTypes, v); break;
      case 'LA': r.language ??= clean(v); break;
      case 'IS': r.issn ??= issnOf(v); break;
    }
  }
  const hasFullNames = full.some((a) => !a.isCollective);
  r.authors = hasFullNames || short.length === 0 ? full : short;
  r.doi = lidDoi ?? aidDoi;
  r.year = yearFrom(r.publicationDate);
  return dropUndefined(r);
}

function pushPerson(list: BibAuthor[], value: string): void {
  const name = clean(value);
  if (!name) return;
  const { family, given } = splitPersonName(name);
  list.push(given ? { name, family, given } : { name, family });
}

function pushClean(list: string[], value: string): void {
  const v = clean(value);
  if (v) list.push(v);
}

/** "1234-5678 (Electronic)" -> "1234-5678". */
function issnOf(value: string): string | undefined {
  const m = value.match(/\b\d{4}-\d{3}[\dXx]\b/);
  return m ? m[0].toUpperCase() : clean(value);
}

// An ALL-CAPS section label ("METHODS", "MATERIALS AND METHODS", "DESIGN, SETTING, AND
// PARTICIPANTS", "STUDY DESIGN/MATERIALS AND METHODS") as PubMed writes them when it flattens a
// structured abstract: right after a sentence end, followed by ": ".
const LABEL = /^[A-Z][A-Z0-9'&/-]*(?:,? [A-Z][A-Z0-9'&/-]*)*$/;
const isLabelChar = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 32 || c === 44 || c === 39 || c === 38 || c === 47 || c === 45;
const isSentenceEnd = (c: number) => c === 46 || c === 33 || c === 63 || c === 41 || c === 93; // . ! ? ) ]

/**
 * Puts each inline section of a flattened structured abstract in its own paragraph, the shape the
 * XML reader produces from separate AbstractText elements. A single label after unlabelled text
 * counts too: Bioinformatics-style abstracts end with one "AVAILABILITY: ..." section.
 */
export function structureAbstract(text: string | undefined): string | undefined {
  if (!text) return text;
  const starts: number[] = [];
  // Walks back from each ": " instead of running a look-behind regex over the whole abstract.
  for (let colon = text.indexOf(': '); colon > 0; colon = text.indexOf(': ', colon + 2)) {
    let s = colon;
    while (s > 0 && isLabelChar(text.charCodeAt(s - 1))) s--;
    while (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 44) s++;
    if (s < 2 || text.charCodeAt(s - 1) !== 32 || !isSentenceEnd(text.charCodeAt(s - 2))) continue;
    const label = text.slice(s, colon);
    // Short capitals ("OR: 1.5", "CI: ") are statistics, not labels; AIM is the one real 3-letter label.
    if ((label.length >= 4 || label === 'AIM') && LABEL.test(label)) starts.push(s);
  }
  if (starts.length === 0) return text;
  starts.unshift(0);
  const parts: string[] = [];
  for (let i = 0; i < starts.length; i++) parts.push(text.slice(starts[i], starts[i + 1]).trim());
  return parts.join('\n\n');
}
