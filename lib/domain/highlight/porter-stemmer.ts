/**
 * The Porter stemmer for English: M. F. Porter, "An algorithm for suffix stripping", Program
 * 14(3):130–137, 1980 (https://tartarus.org/martin/PorterStemmer/def.txt).
 *
 * We follow Porter's own reference implementation rather than the paper where they differ, as
 * every other port does, so stems match the published vocabulary/output lists:
 * - step 2 uses "bli" -> "ble" (the paper has "abli" -> "able") and adds "logi" -> "log";
 * - words of one or two letters are returned unchanged.
 *
 * Within each of steps 2–4 the longest matching suffix is chosen and, if its condition fails, no
 * shorter suffix is tried (e.g. "rational" keeps "-ational" and is not cut to "-tional"). This is
 * what the reference code does, and it is why the suffix lists below are ordered.
 *
 * Input is expected to be a lower-case word of letters a–z; callers decide what to do with other
 * words (the highlighter leaves them unstemmed).
 */

/** True when word[i] is a consonant: not a vowel, and "y" only when it follows a vowel or starts the word. */
function isConsonant(word: string, i: number): boolean {
  const ch = word[i];
  if (ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u') return false;
  if (ch === 'y') return i === 0 || !isConsonant(word, i - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in the stem, written [C](VC)^m[V]. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  const n = stem.length;
  while (i < n && isConsonant(stem, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(stem, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

/** *d: the stem ends with a double consonant. */
function endsDoubleConsonant(stem: string): boolean {
  const n = stem.length;
  return n >= 2 && stem[n - 1] === stem[n - 2] && isConsonant(stem, n - 1);
}

/** *o: the stem ends consonant-vowel-consonant and the last consonant is not w, x or y (hop, fil). */
function endsCvc(stem: string): boolean {
  const n = stem.length;
  if (n < 3) return false;
  if (!isConsonant(stem, n - 1) || isConsonant(stem, n - 2) || !isConsonant(stem, n - 3)) return false;
  const last = stem[n - 1];
  return last !== 'w' && last !== 'x' && last !== 'y';
}

type Rule = readonly [suffix: string, replacement: string];

/**
 * Replaces the first suffix in `rules` that the word ends with, if `condition(stem)` holds.
 * Only the first matching suffix is considered (see header).
 */
function replaceFirst(word: string, rules: readonly Rule[], condition: (stem: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    return condition(stem) ? stem + replacement : word;
  }
  return word;
}

function step1a(w: string): string {
  if (w.endsWith('sses') || w.endsWith('ies')) return w.slice(0, -2);
  if (w.endsWith('ss')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  let stem: string;
  if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) stem = w.slice(0, -2);
  else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) stem = w.slice(0, -3);
  else return w;
  // Tidy the stem so later steps see a regular word: conflat(ed) -> conflate, hopp(ing) -> hop.
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
  return stem;
}

function step1c(w: string): string {
  return w.endsWith('y') && hasVowel(w.slice(0, -1)) ? w.slice(0, -1) + 'i' : w;
}

const STEP2: readonly Rule[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'],
  ['logi', 'log'],
];

const STEP3: readonly Rule[] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];

// "ement" before "ment" before "ent"; "ion" is handled separately (needs a preceding s or t).
const STEP4: readonly Rule[] = [
  ['al', ''], ['ance', ''], ['ence', ''], ['er', ''], ['ic', ''], ['able', ''], ['ible', ''], ['ant', ''],
  ['ement', ''], ['ment', ''], ['ent', ''], ['ou', ''], ['ism', ''], ['ate', ''], ['iti', ''], ['ous', ''],
  ['ive', ''], ['ize', ''],
];

function step4(w: string): string {
  if (w.endsWith('ion')) {
    const stem = w.slice(0, -3);
    return measure(stem) > 1 && /[st]$/.test(stem) ? stem : w;
  }
  return replaceFirst(w, STEP4, (stem) => measure(stem) > 1);
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}

/** Porter stem of a lower-case English word, e.g. "generalizations" -> "gener". */
export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  let w = step1c(step1b(step1a(word)));
  w = replaceFirst(w, STEP2, (stem) => measure(stem) > 0);
  w = replaceFirst(w, STEP3, (stem) => measure(stem) > 0);
  return step5(step4(w));
}
