/**
 * Records out of Sieve, for reference managers (RIS) and spreadsheets or scripts (CSV), with where
 * each stands in screening. Both formats are written so that Sieve's own readers take them back
 * with the same fields (the unit tests check the round trip), which is also what EndNote, Zotero
 * and Rayyan read.
 *
 * RIS follows the RIS specification (TY first, ER last, `XX  - value`, CRLF). Values are written on
 * one line: a line break inside a value would start a line that readers take as a continuation or,
 * worse, as a tag. The PMID goes in AN with a PubMed URL, the form PubMed-aware readers (ours
 * included) recognise; the record's screening standing goes in N1, the notes field reference
 * managers show.
 */
import type { BibAuthor, StoredBibFields } from '../records/bib-record';
import { toCsv, type CsvCell } from './to-csv';

export type Outcome = 'pending' | 'conflict' | 'included' | 'excluded';

export interface StandingOut {
  outcome: Outcome;
  decisions: number;
  reason?: { label: string; kind: 'standard' | 'not_retrieved' } | null;
}

export interface ExportRecord extends StoredBibFields {
  id: string;
  /** The search the record came from (its source, e.g. "PubMed"). */
  source: string;
  /** 1-based number of the record in its search's file. */
  position: number;
  issn: string | null;
  removedReason: string | null;
  duplicateOfId: string | null;
  /** Stages whose standing the caller may see; an absent stage is blinded for them. */
  screening: { title_abstract?: StandingOut | null; full_text?: StandingOut | null };
}

const STAGE_NAMES = { title_abstract: 'title/abstract', full_text: 'full text' } as const;

/** "title/abstract: included (2 decisions); full text: excluded, Wrong outcome" — or undefined. */
export function standingNote(screening: ExportRecord['screening']): string | undefined {
  const parts: string[] = [];
  for (const stage of ['title_abstract', 'full_text'] as const) {
    const s = screening[stage];
    if (!s) continue;
    const reason = s.reason ? (s.reason.kind === 'not_retrieved' ? ', full text not retrieved' : `, ${s.reason.label}`) : '';
    parts.push(`${STAGE_NAMES[stage]}: ${s.outcome}${reason} (${s.decisions} decision${s.decisions === 1 ? '' : 's'})`);
  }
  return parts.length ? `Sieve screening: ${parts.join('; ')}` : undefined;
}

const oneLine = (v: string) => v.replace(/\s+/g, ' ').trim();
// "Family, Given" as reference managers expect; a collective author ends with a comma, EndNote's
// mark of a corporate name, so no reader splits "IADVL Task Force" into a family and given name.
const authorName = (a: BibAuthor) => (a.isCollective ? `${a.name.replace(/,\s*$/, '')},` : a.family && a.given ? `${a.family}, ${a.given}` : a.name);

/** Start and end page of "1194-1205" (hyphen or en dash); a single page or an article number is SP alone. */
function splitPages(pages: string): [string, string | undefined] {
  const m = pages.match(/^\s*([^-–]+?)\s*[-–]\s*(.+?)\s*$/);
  return m ? [m[1], m[2]] : [pages.trim(), undefined];
}

export function toRisRecord(r: ExportRecord): string {
  const lines: string[] = [];
  const tag = (t: string, v: string | number | null | undefined) => {
    if (v === null || v === undefined) return;
    const s = oneLine(String(v));
    if (s) lines.push(`${t}  - ${s}`);
  };
  tag('TY', r.journal || r.journalAbbrev ? 'JOUR' : 'GEN');
  tag('TI', r.title);
  for (const a of r.authors) tag('AU', authorName(a));
  tag('PY', r.year);
  if (r.publicationDate && r.publicationDate !== String(r.year)) tag('DA', r.publicationDate);
  tag('T2', r.journal);
  tag('J2', r.journalAbbrev);
  tag('VL', r.volume);
  tag('IS', r.issue);
  if (r.pages) {
    const [sp, ep] = splitPages(r.pages);
    tag('SP', sp);
    tag('EP', ep);
  }
  tag('AB', r.abstract);
  for (const k of r.keywords) tag('KW', k);
  tag('LA', r.language);
  tag('SN', r.issn);
  tag('DO', r.doi);
  tag('UR', r.url);
  if (r.pmid) {
    tag('AN', r.pmid);
    if (!r.url?.includes(`pubmed.ncbi.nlm.nih.gov/${r.pmid}`)) tag('UR', `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`);
  }
  tag('DB', r.source);
  tag('ID', r.id);
  tag('N1', standingNote(r.screening));
  lines.push('ER  - ');
  return lines.join('\r\n') + '\r\n\r\n';
}

export const RECORD_CSV_HEADER = [
  'sieve_id', 'source', 'position', 'pmid', 'doi', 'title', 'authors', 'year', 'publication_date', 'journal', 'journal_abbreviation',
  'volume', 'issue', 'pages', 'abstract', 'keywords', 'language', 'issn', 'url', 'removed', 'duplicate_of',
  'title_abstract_outcome', 'title_abstract_decisions', 'full_text_outcome', 'full_text_decisions', 'full_text_reason',
];

export function toCsvRow(r: ExportRecord): CsvCell[] {
  const ta = r.screening.title_abstract;
  const ft = r.screening.full_text;
  return [
    r.id, r.source, r.position, r.pmid, r.doi, r.title, r.authors.map(authorName).join('; '), r.year, r.publicationDate, r.journal, r.journalAbbrev,
    r.volume, r.issue, r.pages, r.abstract, r.keywords.join('; '), r.language, r.issn, r.url, r.removedReason, r.duplicateOfId,
    ta?.outcome, ta?.decisions, ft?.outcome, ft?.decisions, ft?.reason?.label,
  ];
}

/** CSV text of `records`; `withHeader` for the first batch of a streamed export. */
export function toRecordCsv(records: ExportRecord[], withHeader: boolean): string {
  const csv = toCsv(RECORD_CSV_HEADER, records.map(toCsvRow));
  return withHeader ? csv : csv.slice(csv.indexOf('\r\n') + 2);
}
