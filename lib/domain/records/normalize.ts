/**
 * Field normalisers shared by every importer, so MEDLINE, XML, RIS and CSV records of the same
 * article compare equal (cross-format agreement, deduplication).
 */

/** Lower-cased bare DOI ("10.1000/xyz"); strips URL forms, "doi:" prefixes, whitespace and trailing punctuation. */
export function normalizeDoi(input: string | undefined | null): string | undefined {
  if (!input) return undefined;
  let s = input.trim();
  // Some exports percent-encode the DOI inside a URL.
  if (/%2f/i.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      /* keep as is */
    }
  }
  s = s.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');
  const m = s.match(/10\.\d{4,9}\/\S+/);
  if (!m) return undefined;
  // A trailing "[doi]" tag or sentence punctuation is never part of the DOI.
  const doi = m[0].replace(/\[doi\]$/i, '').replace(/[.,;]+$/, '');
  return doi.toLowerCase();
}

/**
 * Expands abbreviated page ranges (MEDLINE "1194-205" -> "1194–1205") and joins ranges with an
 * en dash. Non-numeric pages ("e123", "S1-S7") keep their form apart from the dash.
 */
export function expandPages(input: string | undefined | null): string | undefined {
  if (!input) return undefined;
  const s = input.trim();
  if (!s) return undefined;
  const m = s.match(/^([A-Za-z]*)(\d+)\s*[-–—]+\s*([A-Za-z]*)(\d+)$/);
  if (!m) return s;
  const [, p1, a, p2, b] = m;
  let end = b;
  if (b.length < a.length && (!p2 || p2 === p1)) end = a.slice(0, a.length - b.length) + b;
  return `${p1}${a}–${p1 && !p2 ? p1 : p2}${end}`;
}

/** First plausible four-digit year (1000-2999) in a date string such as "2021 Jan-Feb" or "2014//". */
export function yearFrom(input: string | undefined | null): number | undefined {
  if (!input) return undefined;
  const m = input.match(/(?<!\d)([12]\d{3})(?!\d)/);
  return m ? Number(m[1]) : undefined;
}

/** Collapses runs of whitespace (including newlines from continuation lines) to one space and trims. */
export function cleanText(input: string | undefined | null): string | undefined {
  if (input == null) return undefined;
  const s = input.replace(/\s+/g, ' ').trim();
  return s || undefined;
}

/**
 * Splits "Family, Given" or "Family GI" (MEDLINE AU) into parts. Returns the name unchanged as
 * family when it cannot tell.
 */
export function splitPersonName(name: string): { family: string; given?: string } {
  const n = name.trim();
  const comma = n.indexOf(',');
  if (comma > 0) {
    const given = n.slice(comma + 1).trim();
    return { family: n.slice(0, comma).trim(), given: given || undefined };
  }
  const m = n.match(/^(.*\S)\s+([A-Z]{1,4})$/);
  if (m) return { family: m[1], given: m[2] };
  return { family: n };
}

/**
 * Volume, issue and pages of an NLM citation (MEDLINE SO, PubMed's CSV "Citation"):
 * "Cyberpsychol Behav Soc Netw. 2022 Mar;25(3):181-188. doi: ...". Ahead-of-print citations
 * ("Eur J Sport Sci. 2022 Jan 31:1-13.") have no volume, so nothing is read from them.
 */
export function parseNlmCitation(citation: string | undefined): { journalAbbrev?: string; volume?: string; issue?: string; pages?: string } {
  if (!citation) return {};
  const m = citation.match(/;\s*([^;():\s][^;():]*?)?\s*(?:\(([^)]+)\))?:\s*([A-Za-z]?\d[\w-]*)/);
  if (!m || !m[1]) return {};
  const journal = citation.match(/^([^.]+)\.\s/)?.[1]?.trim();
  return { ...(journal ? { journalAbbrev: journal } : {}), volume: m[1].trim(), ...(m[2] ? { issue: m[2].trim() } : {}), pages: m[3] };
}

