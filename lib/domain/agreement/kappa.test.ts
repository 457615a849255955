import { describe, expect, it } from 'vitest';
import { cohensKappa, contingencyTable, fleissKappa } from './kappa';

describe('cohensKappa', () => {
  // Wikipedia "Cohen's kappa", worked example: po = 0.7, pe = 0.5.
  it('textbook 2×2 example 20/5/10/15 -> 0.4', () => {
    const r = cohensKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(r.n).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(r.undefinedReason).toBeUndefined();
  });

  // Wikipedia, "same percent agreement, different kappa": po = 0.6, pe = 0.54, kappa = 0.06/0.46.
  it('45/15/25/15 -> 0.1304', () => {
    const r = cohensKappa([
      [45, 15],
      [25, 15],
    ]);
    expect(r.observed).toBeCloseTo(0.6, 12);
    expect(r.expected).toBeCloseTo(0.54, 12);
    expect(r.kappa).toBeCloseTo(0.06 / 0.46, 12);
    expect(r.kappa).toBeCloseTo(0.1304, 4);
  });

  it('perfect agreement -> 1', () => {
    expect(cohensKappa([[10, 0], [0, 5]]).kappa).toBe(1);
  });

  it('everything in one class for both raters -> undefined, not NaN', () => {
    const r = cohensKappa([[0, 0], [0, 12]]);
    expect(r.kappa).toBeNull();
    expect(r.observed).toBe(1);
    expect(r.expected).toBe(1);
    expect(r.undefinedReason).toMatch(/expected agreement is 1/);
  });

  it('each rater uses a single but different class -> defined, kappa 0', () => {
    const r = cohensKappa([[0, 10], [0, 0]]);
    expect(r.observed).toBe(0);
    expect(r.expected).toBe(0);
    expect(r.kappa).toBe(0);
  });

  it('empty table -> undefined with reason', () => {
    const r = cohensKappa([[0, 0], [0, 0]]);
    expect(r).toMatchObject({ kappa: null, n: 0, observed: 0, expected: 0 });
    expect(r.undefinedReason).toMatch(/no items/);
    expect(cohensKappa([]).kappa).toBeNull();
  });

  it('systematic disagreement -> negative kappa', () => {
    expect(cohensKappa([[0, 5], [5, 0]]).kappa).toBe(-1);
    // po = 0.4, rows 5/5, cols 5/5 -> pe = 0.5, kappa = -0.2.
    expect(cohensKappa([[2, 3], [3, 2]]).kappa).toBeCloseTo(-0.2, 12);
  });

  it('3×3 table computed by hand', () => {
    // n = 40, diagonal 27 -> po = 0.675; rows 15/10/15, cols 15/12/13
    // pe = (15·15 + 10·12 + 15·13) / 1600 = 540/1600 = 0.3375; kappa = 0.3375/0.6625 = 27/53.
    const r = cohensKappa([
      [10, 2, 3],
      [1, 8, 1],
      [4, 2, 9],
    ]);
    expect(r.n).toBe(40);
    expect(r.observed).toBeCloseTo(0.675, 12);
    expect(r.expected).toBeCloseTo(0.3375, 12);
    expect(r.kappa).toBeCloseTo(27 / 53, 12);
  });

  it('rejects non-square tables and negative counts', () => {
    expect(() => cohensKappa([[1, 2, 3], [4, 5, 6]])).toThrow(RangeError);
    expect(() => cohensKappa([[1, -1], [0, 1]])).toThrow(RangeError);
    expect(() => cohensKappa([[1, Number.NaN], [0, 1]])).toThrow(RangeError);
  });
});

describe('contingencyTable', () => {
  it('counts pairs into rows (rater A) and columns (rater B) in category order', () => {
    const table = contingencyTable(
      [
        ['yes', 'yes'],
        ['yes', 'no'],
        ['no', 'yes'],
        ['no', 'yes'],
        ['no', 'no'],
      ],
      ['yes', 'no'],
    );
    expect(table).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('an empty list gives a zero table of the right size', () => {
    expect(contingencyTable([], ['a', 'b', 'c'])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('throws on values outside the categories and on duplicate categories', () => {
    expect(() => contingencyTable([['yes', 'perhaps']], ['yes', 'no'])).toThrow(/perhaps/);
    expect(() => contingencyTable([], ['yes', 'yes'])).toThrow(/duplicate/);
  });
});

describe('fleissKappa', () => {
  // Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
  const wikipedia = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  it('Wikipedia example -> P̄ 0.378, P̄e 0.213, kappa 0.210', () => {
    const r = fleissKappa(wikipedia);
    expect(r.n).toBe(10);
    expect(r.ratersPerItem).toBe(14);
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
  });

  it('with two ratings per item equals Scott\u2019s pi (hand-computed)', () => {
    // The Cohen table 20/5/10/15 as items: 20 [2,0], 15 [1,1], 15 [0,2].
    // po = 0.7; pooled yes = 55/100 -> pe = 0.55² + 0.45² = 0.505; pi = 0.195/0.495.
    const counts = [
      ...Array.from({ length: 20 }, () => [2, 0]),
      ...Array.from({ length: 15 }, () => [1, 1]),
      ...Array.from({ length: 15 }, () => [0, 2]),
    ];
    const r = fleissKappa(counts);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.505, 12);
    expect(r.kappa).toBeCloseTo(0.195 / 0.495, 12);
  });

  it('perfect agreement across categories -> 1', () => {
    expect(fleissKappa([[3, 0], [0, 3], [3, 0]]).kappa).toBe(1);
  });

  it('undefined cases return null with a reason', () => {
    const oneClass = fleissKappa([[0, 4], [0, 4]]);
    expect(oneClass.kappa).toBeNull();
    expect(oneClass.undefinedReason).toMatch(/expected agreement is 1/);
    expect(fleissKappa([]).undefinedReason).toMatch(/no items/);
    expect(fleissKappa([[1, 0], [0, 1]]).undefinedReason).toMatch(/at least two/);
    expect(fleissKappa([[2, 0], [1, 2]]).undefinedReason).toMatch(/different numbers/);
    for (const r of [oneClass, fleissKappa([])]) expect(Number.isNaN(r.observed) || Number.isNaN(r.expected)).toBe(false);
  });

  it('rejects ragged rows and negative counts', () => {
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(RangeError);
    expect(() => fleissKappa([[3, -1]])).toThrow(RangeError);
  });
});
