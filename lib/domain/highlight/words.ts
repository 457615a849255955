/**
 * Word splitting and matching keys for highlight terms. Text and terms go through the same
 * functions, so a term matches exactly when its words' keys equal the text words' keys.
 *
 * - A word is a maximal run of Unicode letters, combining marks and digits (\p{L}\p{M}\p{N}),
 *   so "é" and "ü" are word characters but hyphens, apostrophes and slashes are not:
 *   "ketamine-induced" is the two words "ketamine" and "induced".
 * - Keys are case- and accent-insensitive: lower-cased, NFD-decomposed, combining marks dropped
 *   ("Ménière" -> "meniere", "naïve" -> "naive"), because abstracts spell such words both ways.
 * - A folded word of plain a–z letters is reduced to its Porter stem (porter-stemmer.ts); other
 *   words (with digits, Greek letters, etc.) are compared as folded, since the stemmer is for
 *   English words only.
 */
import { porterStem } from './porter-stemmer';

export interface WordToken {
  /** Offsets into the original text (end exclusive). */
  start: number;
  end: number;
  /** Case- and accent-folded word, used for prefix (wildcard) matching. */
  folded: string;
  /** Key for whole-word matching: the Porter stem of `folded`, when it is plain a–z. */
  stem: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
const PLAIN = /^[a-z]+$/;

export function foldWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(MARKS, '');
}

export function stemKey(folded: string): string {
  return PLAIN.test(folded) ? porterStem(folded) : folded;
}

/**
 * Memoises stemKey: the same words recur across the records of a review, and the highlighter
 * runs on every record shown. Cleared when large so memory stays bounded.
 */
export function createStemCache(limit = 50_000): (folded: string) => string {
  const cache = new Map<string, string>();
  return (folded) => {
    let stem = cache.get(folded);
    if (stem === undefined) {
      if (cache.size >= limit) cache.clear();
      stem = stemKey(folded);
      cache.set(folded, stem);
    }
    return stem;
  };
}

export function tokenize(text: string, stemOf: (folded: string) => string = stemKey): WordToken[] {
  const words: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const folded = foldWord(m[0]);
    words.push({ start, end: start + m[0].length, folded, stem: stemOf(folded) });
  }
  return words;
}
