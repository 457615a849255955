/**
 * Highlighting of owner-defined terms on the screening screen: inclusion terms green, exclusion
 * terms red (the Rayyan/Covidence "highlights" feature), matched by Porter word stems
 * (Porter 1980; see porter-stemmer.ts and words.ts for how words and keys are formed).
 *
 * Matching rules:
 * - A term word matches a text word with the same stem: "depress" matches depression,
 *   depressive, depressed. Case and accents are ignored.
 * - A trailing "*" makes that word a prefix match on the (unstemmed) folded word:
 *   "neuroplast*" matches neuroplasticity and neuroplastic.
 * - A multi-word term matches consecutive text words separated only by whitespace or dashes, so
 *   "nerve growth factor" matches "nerve-growth factor" but not across "nerve. Growth factor".
 *   For the same reason the term "ketamine-induced" matches "ketamine induced".
 * - Hyphenated text words are separate words, so "ketamine" matches inside "ketamine-induced"
 *   and only "ketamine" is coloured.
 * - Include wins: a word covered by both an inclusion and an exclusion match is shown as include.
 *   Highlights only cue the reader, and in a systematic review a missed inclusion costs more
 *   than a second look at an exclusion, so the cue that protects recall is the one kept. The rule
 *   is per word: with exclude "nerve growth factor" and include "growth", only "growth" is green.
 *
 * Terms are compiled once (compileHighlighter) into a map keyed by the first word's stem, so
 * each text word costs one map lookup plus a scan of the (few) terms starting with a wildcard.
 */
import { createStemCache, foldWord, stemKey, tokenize, type WordToken } from './words';

export type HighlightKind = 'include' | 'exclude';

export interface HighlightTerms {
  include: readonly string[];
  exclude: readonly string[];
}

export interface HighlightSegment {
  text: string;
  kind: HighlightKind | null;
}

type TermWord = { prefix: string; stem?: undefined } | { stem: string; prefix?: undefined };

interface Pattern {
  words: TermWord[];
  rank: number;
}

// Ranks let "include wins" be a max(): 0 = not highlighted.
const INCLUDE = 2;
const EXCLUDE = 1;
const KIND_OF_RANK: Array<HighlightKind | null> = [null, 'exclude', 'include'];

const TERM_WORD = /[\p{L}\p{M}\p{N}]+/gu;
const JOINER = /^[\s\p{Pd}]+$/u;

/** Splits a term into words; a word directly followed by "*" becomes a prefix word. */
export function parseTerm(term: string): TermWord[] {
  const words: TermWord[] = [];
  for (const m of term.matchAll(TERM_WORD)) {
    const folded = foldWord(m[0]);
    const wildcard = term[m.index + m[0].length] === '*';
    words.push(wildcard ? { prefix: folded } : { stem: stemKey(folded) });
  }
  return words;
}

function wordMatches(termWord: TermWord, word: WordToken): boolean {
  return termWord.prefix !== undefined ? word.folded.startsWith(termWord.prefix) : word.stem === termWord.stem;
}

/** Precompiles the terms; the returned function splits a text into highlighted segments. */
export function compileHighlighter(terms: HighlightTerms): (text: string) => HighlightSegment[] {
  const byFirstStem = new Map<string, Pattern[]>();
  const prefixFirst: Pattern[] = [];
  const add = (list: readonly string[], rank: number) => {
    for (const term of list) {
      const words = parseTerm(term);
      if (words.length === 0) continue; // blank or punctuation-only terms ("*") highlight nothing
      const pattern = { words, rank };
      const first = words[0];
      if (first.stem === undefined) prefixFirst.push(pattern);
      else byFirstStem.set(first.stem, [...(byFirstStem.get(first.stem) ?? []), pattern]);
    }
  };
  add(terms.include, INCLUDE);
  add(terms.exclude, EXCLUDE);
  const stemOf = createStemCache();

  return (text: string): HighlightSegment[] => {
    if (text === '') return [];
    if (byFirstStem.size === 0 && prefixFirst.length === 0) return [{ text, kind: null }];
    const words = tokenize(text, stemOf);
    const wordRank = new Uint8Array(words.length);
    // joinRank[j]: rank of the separator between words j and j+1 (set only inside a multi-word match).
    const joinRank = new Uint8Array(words.length);
    const joinable = (j: number) => JOINER.test(text.slice(words[j].end, words[j + 1].start));

    const matchesAt = (pattern: Pattern, i: number): boolean => {
      const n = pattern.words.length;
      if (i + n > words.length) return false;
      for (let k = 0; k < n; k++) {
        if (!wordMatches(pattern.words[k], words[i + k])) return false;
        if (k > 0 && !joinable(i + k - 1)) return false;
      }
      return true;
    };

    for (let i = 0; i < words.length; i++) {
      const candidates = byFirstStem.get(words[i].stem);
      for (const pattern of candidates ? [...candidates, ...prefixFirst] : prefixFirst) {
        if (!matchesAt(pattern, i)) continue;
        const last = i + pattern.words.length - 1;
        for (let j = i; j <= last; j++) {
          wordRank[j] = Math.max(wordRank[j], pattern.rank);
          if (j < last) joinRank[j] = Math.max(joinRank[j], pattern.rank);
        }
      }
    }
    return buildSegments(text, words, wordRank, joinRank);
  };
}

/** Turns per-word ranks into ordered segments covering the whole text, merging neighbours of one kind. */
function buildSegments(text: string, words: WordToken[], wordRank: Uint8Array, joinRank: Uint8Array): HighlightSegment[] {
  const spans: Array<{ start: number; end: number; kind: HighlightKind | null }> = [];
  const push = (start: number, end: number, kind: HighlightKind | null) => {
    if (start >= end) return;
    const last = spans[spans.length - 1];
    if (last && last.kind === kind && last.end === start) last.end = end;
    else spans.push({ start, end, kind });
  };
  let pos = 0;
  words.forEach((word, j) => {
    push(pos, word.start, j > 0 ? KIND_OF_RANK[joinRank[j - 1]] : null);
    push(word.start, word.end, KIND_OF_RANK[wordRank[j]]);
    pos = word.end;
  });
  push(pos, text.length, null);
  return spans.map(({ start, end, kind }) => ({ text: text.slice(start, end), kind }));
}

/** One-off convenience; prefer compileHighlighter when highlighting many records. */
export function highlightText(text: string, terms: HighlightTerms): HighlightSegment[] {
  return compileHighlighter(terms)(text);
}
