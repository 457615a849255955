import { describe, expect, it } from 'vitest';
import {
  abstractTokens,
  decodeEntities,
  fixMojibake,
  isJournalAbbreviation,
  isNoticeTitle,
  normalizeJournal,
  normalizeText,
  normalizeTitle,
  startPage,
} from './normalize-fields';

describe('normalizeTitle', () => {
  it('ignores case, punctuation and the trailing period', () => {
    expect(normalizeTitle('Gambling Harm: A Review.')).toBe('gambling harm a review');
    expect(normalizeTitle('gambling harm - a review')).toBe('gambling harm a review');
    expect(normalizeTitle('Critic Systems -- Towards Human--Computer Collaboration')).toBe(
      normalizeTitle('Critic systems - Towards human-computer collaboration'),
    );
  });

  it('decodes HTML entities and drops inline markup', () => {
    expect(normalizeTitle('Effects of <i>Lactobacillus</i> &amp; diet')).toBe('effects of lactobacillus and diet');
    expect(normalizeTitle('Harm &#8211; a &#x201C;public health&#x201D; view')).toBe('harm a public health view');
    expect(normalizeTitle('Smith &amp;amp; Jones')).toBe('smith and jones');
  });

  it('folds diacritics and letters NFKD leaves alone', () => {
    expect(normalizeTitle('Étude de la santé à Zürich')).toBe('etude de la sante a zurich');
    expect(normalizeTitle('Straße, Ærø og Łódź')).toBe('strasse aero og lodz');
    expect(normalizeTitle('Cafe\u0301')).toBe('cafe');
  });

  it('unwraps MEDLINE brackets of translated titles', () => {
    expect(normalizeTitle('[Gambling problems in Norway].')).toBe('gambling problems in norway');
    expect(normalizeTitle("[Treatment of pathological gambling (author's transl)]")).toBe('treatment of pathological gambling');
    // Brackets inside a title are ordinary punctuation.
    expect(normalizeTitle('Gambling [and gaming] harms')).toBe('gambling and gaming harms');
  });

  it('undoes UTF-8 read as Windows-1252', () => {
    expect(normalizeTitle('implement â€œSepsis Sixâ€')).toBe(normalizeTitle('implement "Sepsis Six"'));
    expect(fixMojibake('CafÃ© society')).toBe('Café society');
    expect(fixMojibake('São Paulo')).toBe('São Paulo');
  });

  it('keeps non-Latin letters and digits, and is empty for nothing', () => {
    expect(normalizeTitle('α-synuclein in COVID-19')).toBe('α synuclein in covid 19');
    expect(normalizeTitle(undefined)).toBe('');
    expect(normalizeTitle('  ...  ')).toBe('');
  });
});

describe('other normalisers', () => {
  it('decodeEntities leaves unknown entities and plain text alone', () => {
    expect(decodeEntities('a &foo; b')).toBe('a &foo; b');
    expect(decodeEntities('plain')).toBe('plain');
  });

  it('normalizeText and normalizeJournal', () => {
    expect(normalizeText('  Hello,   WORLD! ')).toBe('hello world');
    expect(normalizeJournal('The Lancet')).toBe('lancet');
    expect(normalizeJournal('Addiction Research & Theory')).toBe('addiction research and theory');
  });

  it('startPage keeps the first page of a range, without leading zeros', () => {
    expect(startPage('212–222')).toBe('212');
    expect(startPage('1194-205')).toBe('1194');
    expect(startPage('e0123')).toBe('e123');
    expect(startPage('S12-S14')).toBe('s12');
    expect(startPage('m2832')).toBe('m2832');
    expect(startPage('n/a')).toBeUndefined();
    expect(startPage(undefined)).toBeUndefined();
  });

  it('isJournalAbbreviation matches ISO 4 / NLM abbreviations word by word', () => {
    const full = normalizeJournal('Journal of Gambling Studies');
    expect(isJournalAbbreviation(normalizeJournal('J Gambl Stud'), full)).toBe(true);
    expect(isJournalAbbreviation(normalizeJournal('J. Gambl. Issues'), full)).toBe(false);
    expect(isJournalAbbreviation('addict res theory', 'addiction research and theory')).toBe(true);
    expect(isJournalAbbreviation('addict', 'addiction research and theory')).toBe(false);
  });
});

describe('isNoticeTitle', () => {
  it('recognises errata, corrections, retractions and expressions of concern', () => {
    for (const t of [
      'Erratum: Open letter from UK based academic scientists',
      'Erratum to "Gambling harm"',
      'Correction to: Gambling harm in Finland',
      'Correction: Gambling harm in Finland',
      'Correction',
      'Publisher Correction: Gambling harm',
      'Retraction note: Gambling harm',
      'RETRACTED: Gambling harm',
      'Expression of concern: Gambling harm',
      '[Erratum]',
      'Corrigendum to "Gambling harm"',
    ]) {
      expect(isNoticeTitle(t), t).toBe(true);
    }
  });

  it('leaves ordinary titles that start with the same words alone', () => {
    for (const t of ['Correction of hallux valgus by osteotomy', 'Retraction of gingival tissue before impression', 'Gambling harm']) {
      expect(isNoticeTitle(t), t).toBe(false);
    }
    expect(isNoticeTitle(undefined)).toBe(false);
  });
});

describe('abstractTokens', () => {
  it('gives sorted distinct hashes of words of 3+ characters, case and accent blind', () => {
    const a = abstractTokens('The effect of the Café programme on harm. The effect.');
    const b = abstractTokens('the EFFECT of the cafe programme on HARM');
    expect([...a]).toEqual([...b]);
    expect(a.length).toBe(5); // the, effect, cafe, programme, harm
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
  });

  it('drops database boilerplate at the end', () => {
    const body = 'Gambling harms were measured in a national survey of adults in Finland and Sweden. '.repeat(3);
    const withNotice = `${body}[ABSTRACT FROM AUTHOR] Copyright of Addiction Research & Theory is the property of Taylor & Francis Ltd.`;
    expect([...abstractTokens(withNotice)]).toEqual([...abstractTokens(body)]);
    const elsevier = `${body}(c) 2020 Elsevier Ltd. All rights reserved.`;
    expect([...abstractTokens(elsevier)]).toEqual([...abstractTokens(body)]);
  });

  it('is empty for a missing abstract', () => {
    expect(abstractTokens(undefined).length).toBe(0);
  });
});
