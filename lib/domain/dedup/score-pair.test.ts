import { describe, expect, it } from 'vitest';
import { emptyRecord, type BibRecord } from '../records/bib-record';
import { prepareRecord } from './prepare-record';
import { scorePair } from './score-pair';

const names = (...n: string[]) => n.map((name) => ({ name }));
const article: BibRecord = {
  ...emptyRecord(),
  title: "Gamblers' perceptions of stakeholder responsibility for minimizing gambling harm",
  authors: names('Gray, Heather M', 'LaPlante, Debi A', 'Abarbanel, Brett'),
  year: 2021,
  journal: 'International Journal of Mental Health and Addiction',
  volume: '19',
  pages: '891–907',
  abstract: 'Stakeholders share responsibility for minimizing gambling harm. We surveyed gamblers about operators, regulators, treatment providers and gamblers themselves.',
};
const score = (a: Partial<BibRecord>, b: Partial<BibRecord>) =>
  scorePair(
    prepareRecord({ id: 'a', record: { ...article, ...a } }, 0, false),
    prepareRecord({ id: 'b', record: { ...article, ...b } }, 1, false),
  );

describe('exact tier', () => {
  it('same PMID, whatever else differs', () => {
    const v = score({ pmid: '123' }, { pmid: '123', title: 'Completely different words here' });
    expect(v?.tier).toBe('exact');
    expect(v?.reason).toEqual(['pmid']);
  });

  it('same DOI with title >= 0.9', () => {
    const v = score({ doi: '10.1007/s11469-019-0056-4' }, { doi: '10.1007/S11469-019-0056-4', title: article.title!.toUpperCase() + '.' });
    expect(v).toMatchObject({ tier: 'exact', reason: ['doi', 'title 1.00'] });
    expect(v?.scores).toMatchObject({ doi: 1, title: 1, authors: 1, year: 1, journal: 1, pages: 1, abstract: 1 });
  });

  it('same DOI with a reworded title is only likely; with an unrelated title (supplement) nothing', () => {
    const reworded = score({ doi: '10.1000/x' }, { doi: '10.1000/x', title: "Gamblers' perceptions of responsibility for gambling harm" });
    expect(reworded?.tier).toBe('likely');
    expect(reworded?.reason).toEqual(['doi', 'title 0.88']);
    expect(score({ doi: '10.1000/x' }, { doi: '10.1000/x', title: 'Supplementary tables 1-4' })).toBeNull();
  });

  it('never merges a notice (erratum, correction, retraction) with its article, even by DOI', () => {
    const erratum = { doi: '10.1000/x', title: `Erratum: ${article.title}` };
    const v = score({ doi: '10.1000/x' }, erratum);
    expect(v?.tier).toBe('likely');
    expect(v?.reason).toContain('notice vs article');
    expect(score({}, { title: `Correction to: ${article.title}` })).toBeNull();
    // Two copies of the same erratum are ordinary duplicates.
    expect(score(erratum, erratum)?.tier).toBe('exact');
  });

  it('never merges records with different PMIDs automatically', () => {
    const v = score({ pmid: '1', doi: '10.1000/x' }, { pmid: '2', doi: '10.1000/x' });
    expect(v?.tier).toBe('likely');
    expect(v?.reason).toContain('different PMIDs');
  });
});

describe('likely tier', () => {
  it('title >= 0.9 and authors >= 0.75 (initials vs full names, a typo)', () => {
    const v = score({}, { title: "Gamblers' perception of stakeholder responsibility for minimising gambling harm", authors: names('Gray H', 'LaPlante D', 'Abarbanel B'), year: 2020 });
    expect(v?.tier).toBe('likely');
    expect(v?.reason).toEqual(['title 0.94', 'authors 1.00', 'year ±1']);
  });

  it('title >= 0.95 with the same journal and first page, when authors are missing', () => {
    const v = score({ authors: [] }, { authors: [], journal: 'Int J Ment Health Addict', abstract: undefined, title: article.title + ' (study)' });
    expect(v?.reason).toEqual(['title 0.99', 'journal 1.00', 'pages']);
  });

  it('title >= 0.95 with abstract overlap >= 0.8, when authors are missing', () => {
    const v = score({ authors: [], pages: undefined }, { authors: [], pages: undefined, journal: undefined, title: article.title + ' (study)' });
    expect(v?.reason[1]).toBe('abstract 1.00');
  });

  it('a subtitle added or dropped, with the same authors', () => {
    const v = score({}, { title: `${article.title}: results from an online panel survey of Australian gamblers and their concerned significant others`, pages: undefined });
    expect(v?.tier).toBe('likely');
    expect(v?.reason[0]).toBe('title prefix');
  });

  it('a near-identical long title when no author list can be compared', () => {
    const v = score({ authors: [], abstract: undefined, pages: undefined }, { abstract: 'Different text entirely.', pages: undefined });
    expect(v?.reason).toContain('no authors to compare');
    const short = { title: 'Gambling harm', authors: [], abstract: undefined, journal: undefined, pages: undefined };
    expect(score(short, short)).toBeNull();
  });

  it('not for different titles by the same team', () => {
    expect(score({}, { title: 'Responsible gambling messages on poker machines in Victoria' })).toBeNull();
  });

  it('not for numbered parts of a series', () => {
    expect(score({ title: 'Canadian Contraception Consensus (Part 1 of 4)' }, { title: 'Canadian Contraception Consensus (Part 2 of 4)', pages: undefined })).toBeNull();
  });
});

describe('conflicts', () => {
  it('years more than 1 apart: only identical title and authors reach the queue, reason naming it', () => {
    const v = score({ year: 2019 }, { year: 2021 });
    expect(v?.tier).toBe('likely');
    expect(v?.reason).toContain('years 2 apart');
    expect(score({ year: 2019 }, { year: 2021, authors: names('Gray, H', 'LaPlante, D', 'Nower, L') })).toBeNull();
  });

  it('numbered titles stay apart even with identical authors', () => {
    const r2019 = { title: `${article.title}: annual report 2019`, year: 2019 };
    expect(score(r2019, { title: `${article.title}: annual report 2021`, year: 2021 })).toBeNull();
    expect(score(r2019, { title: `${article.title}: annual report 2019`, year: 2021 })?.reason).toContain('years 2 apart');
  });

  it('same DOI and no title on one side: likely', () => {
    expect(score({ doi: '10.1000/x' }, { doi: '10.1000/x', title: undefined })?.reason).toEqual(['doi', 'no title to compare']);
  });

  it('different DOIs: the same, never exact', () => {
    const v = score({ doi: '10.31234/osf.io/fu4mj' }, { doi: '10.1186/s12889-022-13243-4' });
    expect(v?.tier).toBe('likely');
    expect(v?.reason).toContain('different DOIs');
    expect(score({ doi: '10.1000/a' }, { doi: '10.1000/b', title: "Stakeholder responsibility for gambling harm: gamblers' perceptions" })).toBeNull();
  });
});
