import { describe, expect, it } from 'vitest';
import { compileHighlighter, highlightText, parseTerm, type HighlightSegment } from './highlight';

/** The highlighted pieces as "kind:text", for compact assertions. */
const marked = (segments: HighlightSegment[]) => segments.filter((s) => s.kind).map((s) => `${s.kind}:${s.text}`);
const join = (segments: HighlightSegment[]) => segments.map((s) => s.text).join('');

describe('highlightText', () => {
  it('segments cover the text exactly, in order', () => {
    const text = '  (Depression) and anxiety: a ketamine-induced…  \n';
    const segments = highlightText(text, { include: ['depress', 'ketamine'], exclude: ['anxiety'] });
    expect(join(segments)).toBe(text);
    expect(segments.map((s) => s.text)).toEqual(['  (', 'Depression', ') and ', 'anxiety', ': a ', 'ketamine', '-induced…  \n']);
    expect(segments.map((s) => s.kind)).toEqual([null, 'include', null, 'exclude', null, 'include', null]);
  });

  it('matches by stem and ignores case', () => {
    const text = 'Depression, DEPRESSIVE symptoms; depressed mice. Depressurization and compression are not.';
    expect(marked(highlightText(text, { include: ['depress'], exclude: [] }))).toEqual([
      'include:Depression',
      'include:DEPRESSIVE',
      'include:depressed',
    ]);
    // A term written in an inflected form works the same way.
    expect(marked(highlightText('randomised rats', { include: [], exclude: ['rat'] }))).toEqual(['exclude:rats']);
  });

  it('matches multi-word terms on consecutive words, as one segment', () => {
    const h = compileHighlighter({ include: ['nerve growth factor'], exclude: [] });
    expect(marked(h('Nerve growth factors (NGF) and nerve-growth   factor'))).toEqual([
      'include:Nerve growth factors',
      'include:nerve-growth   factor',
    ]);
    // Not across sentence punctuation, not partial, not out of order.
    expect(marked(h('The nerve. Growth factor; nerve growth; factor growth nerve'))).toEqual([]);
  });

  it('a trailing * is a prefix match', () => {
    const h = compileHighlighter({ include: ['neuroplast*'], exclude: ['synap* plast*'] });
    expect(marked(h('Neuroplasticity, neuroplastic change, plasticity; synaptic plasticity'))).toEqual([
      'include:Neuroplasticity',
      'include:neuroplastic',
      'exclude:synaptic plasticity',
    ]);
  });

  it('treats Unicode letters as word characters and ignores accents', () => {
    const h = compileHighlighter({ include: ['Ménière', 'naive'], exclude: ['müller cell'] });
    expect(marked(h('Meniere’s and Ménière disease; naïve mice; Müller cells; Muller glia'))).toEqual([
      'include:Meniere',
      'include:Ménière',
      'include:naïve',
      'exclude:Müller cells',
    ]);
    // "é" belongs to the word, so "caf" does not match inside "café".
    expect(marked(highlightText('café', { include: ['caf'], exclude: [] }))).toEqual([]);
  });

  it('matches inside hyphenated words, and hyphenated terms match spaced text', () => {
    expect(marked(highlightText('ketamine-induced hyperactivity', { include: ['ketamine'], exclude: [] }))).toEqual([
      'include:ketamine',
    ]);
    expect(marked(highlightText('ketamine induced; ketamine-induced', { include: ['ketamine-induced'], exclude: [] }))).toEqual([
      'include:ketamine induced',
      'include:ketamine-induced',
    ]);
  });

  it('include wins when a word matches both lists', () => {
    expect(highlightText('Rats', { include: ['rat'], exclude: ['rats'] })).toEqual([{ text: 'Rats', kind: 'include' }]);
    // Per word: the excluded phrase keeps its colour around the included word.
    expect(highlightText('nerve growth factor', { include: ['growth'], exclude: ['nerve growth factor'] })).toEqual([
      { text: 'nerve ', kind: 'exclude' },
      { text: 'growth', kind: 'include' },
      { text: ' factor', kind: 'exclude' },
    ]);
  });

  it('handles empty text, no terms and blank terms', () => {
    expect(highlightText('', { include: ['x'], exclude: [] })).toEqual([]);
    expect(highlightText('plain text', { include: [], exclude: [] })).toEqual([{ text: 'plain text', kind: null }]);
    expect(highlightText('plain * text', { include: ['', '  ', '*'], exclude: ['--'] })).toEqual([
      { text: 'plain * text', kind: null },
    ]);
  });

  it('words with digits and Greek letters match as written', () => {
    const h = compileHighlighter({ include: ['IL-6', 'TNF-α'], exclude: [] });
    expect(marked(h('IL-6 and il 6, TNF-α, IL-60'))).toEqual(['include:IL-6', 'include:il 6', 'include:TNF-α']);
  });

  it('a compiled highlighter gives the same result as highlightText, and can be reused', () => {
    const terms = { include: ['random*', 'trial'], exclude: ['review'] };
    const h = compileHighlighter(terms);
    for (const text of ['A randomised controlled trial.', 'A systematic review of trials.', '']) {
      expect(h(text)).toEqual(highlightText(text, terms));
    }
  });

  it('handles a 3,000-word abstract with 50 terms correctly', () => {
    const include = Array.from({ length: 25 }, (_, i) => `inclusionterm${String.fromCharCode(97 + i)}`);
    const exclude = Array.from({ length: 24 }, (_, i) => `exclusionterm${String.fromCharCode(97 + i)}`);
    exclude.push('randomized controlled trial');
    const h = compileHighlighter({ include, exclude });

    const words: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 10 === 0) {
        const term = include[i % 25];
        words.push(`${term}s`); // plural: still matches by stem
        expected.push(`include:${term}s`);
      } else if (i % 10 === 5) {
        const term = exclude[i % 24];
        words.push(term);
        expected.push(`exclude:${term}`);
      } else if (i % 100 === 7) {
        words.push('Randomized', 'controlled', 'trials.');
        expected.push('exclude:Randomized controlled trials');
        i += 2;
      } else {
        words.push(`filler${i % 37}`);
      }
    }
    const text = words.join(' ');
    const segments = h(text);
    expect(join(segments)).toBe(text);
    expect(marked(segments)).toEqual(expected);
  });
});

describe('parseTerm', () => {
  it('splits into stem and prefix words', () => {
    expect(parseTerm('Nerve growth factors')).toEqual([{ stem: 'nerv' }, { stem: 'growth' }, { stem: 'factor' }]);
    expect(parseTerm('neuroplast*')).toEqual([{ prefix: 'neuroplast' }]);
    expect(parseTerm('  ')).toEqual([]);
  });
});
