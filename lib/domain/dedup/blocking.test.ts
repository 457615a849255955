import { describe, expect, it } from 'vitest';
import { emptyRecord, type BibRecord } from '../records/bib-record';
import { forEachCandidatePair } from './blocking';
import { prepareRecord } from './prepare-record';

const names = (...n: string[]) => n.map((name) => ({ name }));
function candidates(records: Partial<BibRecord>[], existing = 0): string[] {
  const prepared = records.map((r, i) => prepareRecord({ id: `r${i}`, record: { ...emptyRecord(), ...r } }, i, i < existing));
  const out: string[] = [];
  forEachCandidatePair(prepared, (i, j) => out.push(`${i}-${j}`));
  return out;
}

describe('forEachCandidatePair', () => {
  it('pairs records sharing a title start, a title end, or rare title words', () => {
    const pairs = candidates([
      { title: 'Gambling harm in Finland: a population survey' },
      { title: 'Gambling harm in Finland: a population-based study' }, // same start
      { title: 'Review: gambling harm in Finland, a population survey' }, // same end as 0
      { title: 'Population survey in Finland: gambling harm' }, // same words, other order
      { title: 'Loot boxes and adolescent mental health' }, // nothing shared
    ]);
    expect(pairs).toContain('0-1');
    expect(pairs).toContain('0-2');
    expect(pairs.some((p) => p.endsWith('-3') || p.startsWith('3-'))).toBe(true);
    expect(pairs.some((p) => p.includes('4'))).toBe(false);
  });

  it('pairs records with different titles by first author and year, or by volume and page', () => {
    const pairs = candidates([
      { title: 'Rahapelihaitat Suomessa', authors: names('Salonen, A'), year: 2016 },
      { title: 'Gambling harms in Finland', authors: names('Salonen, Anne'), year: 2016 },
      { title: 'Something in English', volume: '44', pages: '799–804' },
      { title: 'Etwas auf Deutsch', volume: '44', pages: '799' },
    ]);
    expect(pairs).toEqual(['0-1', '2-3']);
  });

  it('returns each pair once, i < j, and never two existing records', () => {
    const same = { title: 'Gambling harm in Finland', authors: names('Salonen, A'), year: 2016, doi: '10.1000/x' };
    const pairs = candidates([same, same, same], 2);
    expect(pairs).toEqual(['0-2', '1-2']);
  });

  it('bounds oversized blocks by the sorted-neighbourhood window', () => {
    // 300 different papers by "Wang, L" in 2020: one block of 300 would be 44,850 pairs.
    const records = Array.from({ length: 300 }, (_, i) => ({
      title: `Study ${i.toString(36)} of topic ${(i * 7919).toString(36)} and outcome ${(i * 104729).toString(36)}`,
      authors: names('Wang, L'),
      year: 2020,
    }));
    const pairs = candidates(records);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.length).toBeLessThan(300 * 12 * 2);
  });
});
