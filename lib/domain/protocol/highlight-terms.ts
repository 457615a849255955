/**
 * Highlight term lists as owners type them: one term per line in the form, an array in the API.
 * Blank lines go, inner whitespace collapses, and a term repeated (ignoring case) is kept once,
 * so the saved list is what the highlighter will actually use (see lib/domain/highlight).
 */

export const MAX_TERMS_PER_LIST = 200;
export const MAX_TERM_LENGTH = 100;

export function normalizeTerms(input: string | readonly string[]): string[] {
  const lines = typeof input === 'string' ? input.split(/\r?\n/) : input;
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const line of lines) {
    const term = line.replace(/\s+/g, ' ').trim();
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/** The textarea's text for a saved list. */
export function termsToText(terms: readonly string[]): string {
  return terms.join('\n');
}
