import { describe, expect, it } from 'vitest';
import { interpretKappa, screeningAgreement, toBinaryScreeningValue } from './screening';

describe('toBinaryScreeningValue', () => {
  it('maybe counts as include', () => {
    expect(toBinaryScreeningValue('maybe')).toBe('include');
    expect(toBinaryScreeningValue('include')).toBe('include');
    expect(toBinaryScreeningValue('exclude')).toBe('exclude');
    expect(toBinaryScreeningValue(' Maybe ')).toBe('include');
  });
  it('rejects anything else', () => {
    expect(() => toBinaryScreeningValue('unsure')).toThrow(RangeError);
  });
});

describe('screeningAgreement', () => {
  it('maybe vs include is agreement, maybe vs exclude is disagreement', () => {
    const report = screeningAgreement([
      { itemId: '1', raterId: 'A', value: 'maybe' },
      { itemId: '1', raterId: 'B', value: 'include' },
      { itemId: '2', raterId: 'A', value: 'maybe' },
      { itemId: '2', raterId: 'B', value: 'exclude' },
      { itemId: '3', raterId: 'A', value: 'exclude' },
      { itemId: '3', raterId: 'B', value: 'exclude' },
    ]);
    // rows A (include, exclude), cols B: [[1,1],[0,1]].
    expect(report.pairs[0].table).toEqual([[1, 1], [0, 1]]);
    expect(report.overall.percentAgreement).toBeCloseTo(200 / 3, 10);
  });
});

describe('interpretKappa (Landis & Koch 1977)', () => {
  it.each([
    [-0.3, 'poor agreement (less than chance)'],
    [0, 'slight agreement'],
    [0.2, 'slight agreement'],
    [0.2049, 'slight agreement'],
    [0.21, 'fair agreement'],
    [0.4, 'fair agreement'],
    [0.41, 'moderate agreement'],
    [0.6, 'moderate agreement'],
    [0.61, 'substantial agreement'],
    [0.8, 'substantial agreement'],
    [0.81, 'almost perfect agreement'],
    [1, 'almost perfect agreement'],
  ])('%s -> %s', (k, label) => expect(interpretKappa(k)).toBe(label));

  it('null reads as not defined, with the reason when given', () => {
    expect(interpretKappa(null)).toMatch(/^not defined: /);
    expect(interpretKappa(null, 'no items were rated by both raters')).toBe('not defined: no items were rated by both raters');
  });
});
