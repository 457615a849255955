import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer';

// Full stems for the words used as examples in Porter (1980), as produced by the reference
// implementation (and listed in the published voc.txt/output.txt pairs).
const cases: Array<[string, string]> = [
  // Step 1a
  ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'ti'], ['caress', 'caress'], ['cats', 'cat'],
  // Step 1b
  ['feed', 'feed'], ['agreed', 'agre'], ['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'],
  ['sing', 'sing'], ['conflated', 'conflat'], ['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'],
  ['tanned', 'tan'], ['falling', 'fall'], ['hissing', 'hiss'], ['fizzed', 'fizz'], ['failing', 'fail'],
  ['filing', 'file'],
  // Step 1c
  ['happy', 'happi'], ['sky', 'sky'],
  // Step 2
  ['relational', 'relat'], ['conditional', 'condit'], ['rational', 'ration'], ['valenci', 'valenc'],
  ['hesitanci', 'hesit'], ['digitizer', 'digit'], ['conformabli', 'conform'], ['radicalli', 'radic'],
  ['differentli', 'differ'], ['vileli', 'vile'], ['analogousli', 'analog'], ['vietnamization', 'vietnam'],
  ['predication', 'predic'], ['operator', 'oper'], ['feudalism', 'feudal'], ['decisiveness', 'decis'],
  ['hopefulness', 'hope'], ['callousness', 'callous'], ['formaliti', 'formal'], ['sensitiviti', 'sensit'],
  ['sensibiliti', 'sensibl'],
  // Step 3
  ['triplicate', 'triplic'], ['formative', 'form'], ['formalize', 'formal'], ['electriciti', 'electr'],
  ['electrical', 'electr'], ['hopeful', 'hope'], ['goodness', 'good'],
  // Step 4
  ['revival', 'reviv'], ['allowance', 'allow'], ['inference', 'infer'], ['airliner', 'airlin'],
  ['gyroscopic', 'gyroscop'], ['adjustable', 'adjust'], ['defensible', 'defens'], ['irritant', 'irrit'],
  ['replacement', 'replac'], ['adjustment', 'adjust'], ['dependent', 'depend'], ['adoption', 'adopt'],
  ['homologou', 'homolog'], ['communism', 'commun'], ['activate', 'activ'], ['angulariti', 'angular'],
  ['homologous', 'homolog'], ['effective', 'effect'], ['bowdlerize', 'bowdler'],
  // Step 5
  ['probate', 'probat'], ['rate', 'rate'], ['cease', 'ceas'], ['controll', 'control'], ['roll', 'roll'],
  // Whole-algorithm examples from the paper's introduction and discussion
  ['generalizations', 'gener'], ['oscillators', 'oscil'], ['connection', 'connect'], ['connections', 'connect'],
  ['connective', 'connect'], ['connected', 'connect'], ['connecting', 'connect'],
];

describe('porterStem (Porter 1980)', () => {
  it.each(cases)('%s -> %s', (word, stem) => expect(porterStem(word)).toBe(stem));

  it('follows the reference implementation where it departs from the paper', () => {
    expect(porterStem('archaeology')).toBe('archaeolog'); // "logi" -> "log"
    expect(porterStem('possibly')).toBe('possibl'); // "bli" -> "ble", then step 5 drops the e
  });

  it('leaves one- and two-letter words alone', () => {
    for (const w of ['a', 'is', 'as', 'us']) expect(porterStem(w)).toBe(w);
  });

  it('gives one stem for the forms a reviewer expects to match', () => {
    const stems = new Set(['depress', 'depression', 'depressive', 'depressed', 'depressing'].map(porterStem));
    expect([...stems]).toEqual(['depress']);
  });
});
