/**
 * Field normalisation for deduplication, after ASySD (Hair et al. 2023): the same article exported
 * by PubMed, Scopus, PsycINFO, Lens or EBSCO differs in case, punctuation, HTML entities, accents,
 * a trailing period, MEDLINE's [brackets] around translated titles, "&" vs "and", mis-decoded
 * UTF-8 ("â€œ") and journal abbreviations. Everything here maps those variants to one form so
 * the string comparators see only real differences.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', hellip: '…', alpha: 'α', beta: 'β',
  gamma: 'γ', delta: 'δ', kappa: 'κ', mu: 'μ', micro: 'µ', reg: '', trade: '', copy: '',
};

/** HTML/XML character references; twice, since some exports double-encode ("&amp;amp;"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return decodeOnce(decodeOnce(s));
}

function decodeOnce(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Windows-1252 characters 0x80-0x9F that are not Latin-1: needed to undo UTF-8 read as cp1252.
const CP1252: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};
const MOJIBAKE = /[ÂÃâ][\u0080-\u00bf\u20ac\u201a-\u201e\u2018\u2019\u2020-\u2022\u2026\u2030\u2039\u203a\u2122\u0152\u0153\u0160\u0161\u017d\u017e\u0178\u0192\u02c6\u02dc]/;

/** Undoes UTF-8 text that was decoded as Windows-1252 ("â€œSepsis Sixâ€" -> "“Sepsis Six”"). */
export function fixMojibake(s: string): string {
  if (!MOJIBAKE.test(s)) return s;
  const bytes: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const b = cp <= 0xff ? cp : CP1252[cp];
    if (b === undefined) return s;
    bytes.push(b);
  }
  // A truncated final sequence (the common "â€" for a closing quote) is dropped, not fatal.
  const text = new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  return text.replace(/\ufffd/g, ' ');
}

// Letters NFKD does not decompose.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const foldCache = new Map<string, string>();

/**
 * One non-ASCII character folded: accents dropped (NFKD), lower case, ß -> ss; a space when it is
 * not a letter or digit (dashes, curly quotes). Cached per character: NFKD on whole abstracts was
 * the single largest cost at 100k records.
 */
export function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    folded = folded.replace(/[ßæœøłđðþı]/g, (c) => FOLD[c]);
    if (!/^[\p{L}\p{N}]*$/u.test(folded)) folded = ' ';
    foldCache.set(ch, folded);
  }
  return folded;
}

/** Lower case, no accents, "&" as "and", every run of non-letters/digits one space. */
export function normalizeText(input: string | undefined | null): string {
  if (!input) return '';
  let s = fixMojibake(decodeEntities(input));
  if (s.includes('<')) s = s.replace(/<\/?[a-z][^>]*>/gi, ' ');
  s = s.toLowerCase();
  if (/[^\x00-\x7f]/.test(s)) s = s.replace(/[^\x00-\x7f]/gu, foldChar);
  // After folding, every non-ASCII character left is a letter or digit.
  return s.replace(/&/g, ' and ').replace(/[^a-z0-9\u0080-\uffff]+/g, ' ').trim();
}

/**
 * Normalised title for comparison. Beyond normalizeText: MEDLINE wraps titles translated into
 * English in brackets ("[Gambling in Norway]."), older ones add "(author's transl)"; both go.
 */
export function normalizeTitle(title: string | undefined | null): string {
  if (!title) return '';
  let t = title.trim().replace(/\(author'?s transl\)/gi, ' ').trim();
  const bracketed = t.match(/^\[(.*)\][.\s]*$/s);
  if (bracketed) t = bracketed[1];
  return normalizeText(t);
}

/**
 * Errata, corrections, retractions and expressions of concern share (or nearly share) their
 * article's title and sometimes its DOI, yet are separate records. "Correction"/"Retraction" only
 * count when followed by ":", "to", "notice" or nothing, since "Correction of hallux valgus" and
 * "Retraction of gingival tissue" are ordinary titles.
 */
export function isNoticeTitle(title: string | undefined | null): boolean {
  if (!title) return false;
  const t = fixMojibake(decodeEntities(title)).trim().replace(/^\[/, '').toLowerCase();
  if (/^(erratum|errata|corrigendum|corrigenda|retracted|withdrawn|expression of concern|notice of retraction)\b/.test(t)) return true;
  return /^(publisher'?s? |author'?s? )?(correction|retraction)(\s*[:.\-–—]|\s+(to|notice|note|for)\b|\s*$)/.test(t);
}

const JOURNAL_STOP = new Set(['the', 'of', 'and', 'in', 'for', 'on', 'de', 'la', 'der', 'und', 'y']);

/** Journal name without a leading "The", with "&" as "and". */
export function normalizeJournal(name: string | undefined | null): string {
  return normalizeText(name).replace(/^the /, '');
}

/**
 * True when `abbrev` is an ISO 4 / NLM style abbreviation of `full`: every word of the
 * abbreviation starts the next significant word of the full name ("j gambl stud" ~ "journal of
 * gambling studies"). Jaro-Winkler alone scores such pairs around 0.6.
 */
export function isJournalAbbreviation(abbrev: string, full: string): boolean {
  const a = abbrev.split(' ').filter((w) => !JOURNAL_STOP.has(w));
  const f = full.split(' ').filter((w) => !JOURNAL_STOP.has(w));
  if (a.length === 0 || a.length !== f.length) return false;
  return a.every((w, i) => f[i].startsWith(w));
}

/** First page as a comparable token: "212–222" -> "212", "e0123" -> "e123", "S12-S14" -> "s12". */
export function startPage(pages: string | undefined | null): string | undefined {
  if (!pages) return undefined;
  const m = pages.trim().toLowerCase().match(/^([a-z]*)0*(\d+)/);
  if (!m) return undefined;
  return m[1] + m[2];
}

/**
 * Database boilerplate at the end of abstracts ("[ABSTRACT FROM AUTHOR] Copyright of ... is the
 * property of ...", "(c) 2020 Elsevier Ltd. All rights reserved.", PsycInfo's record notice): text
 * from the first such marker in the second half of the abstract on is dropped. One linear search,
 * no backtracking patterns, since this runs on every abstract.
 */
const BOILERPLATE = /\[abstract from author\]|copyright of |\((?:c|psycinfo database record)\b|©|copyright \d{4}|all rights reserved/i;

function stripBoilerplate(abstract: string): string {
  const half = abstract.length >> 1;
  const m = BOILERPLATE.exec(abstract.slice(half));
  return m ? abstract.slice(0, half + m.index) : abstract;
}

// FNV-1a 32-bit, kept as int32 ("| 0") so V8 stays on small integers in the hot loop.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Abstract words (3+ characters) as sorted unique 32-bit hashes: cheap set overlap, no string sets kept. */
export function abstractTokens(abstract: string | undefined | null): Int32Array {
  if (!abstract) return new Int32Array(0);
  let s = stripBoilerplate(abstract);
  if (s.includes('&')) s = decodeEntities(s);
  s = fixMojibake(s);
  // One pass over the text hashing each word (FNV-1a): the abstract is the longest field and is
  // read for every record at 100k scale, so no intermediate normalised string is built.
  const hashes: number[] = [];
  let h = FNV_OFFSET;
  let len = 0;
  for (let i = 0; i <= s.length; i++) {
    let c = i < s.length ? s.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      h = Math.imul(h ^ c, FNV_PRIME);
      len++;
      continue;
    }
    if (c > 127) {
      const folded = foldChar(String.fromCharCode(c));
      if (folded !== ' ') {
        for (let k = 0; k < folded.length; k++) h = Math.imul(h ^ folded.charCodeAt(k), FNV_PRIME);
        len += folded.length;
        continue;
      }
    }
    if (len >= 3) hashes.push(h);
    h = FNV_OFFSET;
    len = 0;
  }
  const sorted = Int32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}
