import { describe, expect, it } from 'vitest';
import { cohensKappa } from './kappa';
import { pairwiseAgreement, type RaterDecision } from './pairwise';

const CATS = ['include', 'exclude'];

/** Decisions from a compact layout: one string per rater, one letter per item (I, E, or . for none). */
function decisions(byRater: Record<string, string>): RaterDecision[] {
  const out: RaterDecision[] = [];
  for (const [raterId, row] of Object.entries(byRater)) {
    [...row].forEach((c, i) => {
      if (c !== '.') out.push({ itemId: `r${i + 1}`, raterId, value: c === 'I' ? 'include' : 'exclude' });
    });
  }
  return out;
}

describe('pairwiseAgreement', () => {
  it('three raters on every item: per-pair Cohen and overall Fleiss, by hand', () => {
    const report = pairwiseAgreement(decisions({ C: 'IIEIIE', A: 'IIEEIE', B: 'IEEEII' }), CATS);
    expect(report.raters).toEqual(['A', 'B', 'C']);
    const [ab, ac, bc] = report.pairs;

    // A-B: [[2,1],[1,2]] -> po 4/6, pe 0.5, kappa 1/3.
    expect([ab.raterA, ab.raterB]).toEqual(['A', 'B']);
    expect(ab.table).toEqual([[2, 1], [1, 2]]);
    expect(ab.itemIds).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(ab.kappa).toBeCloseTo(1 / 3, 12);
    expect(ab.percentAgreement).toBeCloseTo(66.667, 3);

    // A-C: [[3,0],[1,2]] -> po 5/6; rows 3/3, cols 4/2 -> pe 0.5; kappa 2/3.
    expect(ac.table).toEqual([[3, 0], [1, 2]]);
    expect(ac.kappa).toBeCloseTo(2 / 3, 12);

    // B-C: [[2,1],[2,1]] -> po 0.5 = pe -> kappa 0.
    expect(bc.table).toEqual([[2, 1], [2, 1]]);
    expect(bc.kappa).toBeCloseTo(0, 12);
    expect(bc.percentAgreement).toBeCloseTo(50, 12);

    // Fleiss, m = 3: item counts [3,0][2,1][0,3][1,2][3,0][1,2] -> P̄ = 4/6;
    // include 10/18, exclude 8/18 -> P̄e = 164/324; kappa = 52/160 = 0.325.
    expect(report.overall).toMatchObject({ method: 'fleiss', ratersPerItem: 3, itemsUsed: 6, itemsSkipped: 0 });
    expect(report.overall.observed).toBeCloseTo(2 / 3, 12);
    expect(report.overall.expected).toBeCloseTo(164 / 324, 12);
    expect(report.overall.kappa).toBeCloseTo(0.325, 12);
    expect(report.overall.percentAgreement).toBeCloseTo(66.667, 3);
  });

  it('two raters: overall is the pair\u2019s Cohen kappa, single-rated items skipped', () => {
    const report = pairwiseAgreement(decisions({ A: 'IIEEI.', B: 'IEEE.E' }), CATS);
    expect(report.pairs).toHaveLength(1);
    const pair = report.pairs[0];
    expect(pair.n).toBe(4);
    expect(pair.table).toEqual([[1, 1], [0, 2]]);
    expect(pair.kappa).toBeCloseTo(cohensKappa([[1, 1], [0, 2]]).kappa!, 12);
    expect(report.overall).toMatchObject({ method: 'cohen', kappa: pair.kappa, itemsUsed: 4, itemsSkipped: 2 });
    expect(report.overall.percentAgreement).toBeCloseTo(75, 12);
  });

  it('dual screening shared across a team: Fleiss with m = 2 over the doubly screened items', () => {
    // r1..r4 by A+B, r5..r8 by B+C, r9 by A only, r10 by A+B+C (third opinion, not modal).
    const report = pairwiseAgreement(
      decisions({ A: 'IIEE....EI', B: 'IEEEIIEE.I', C: '....IEEE.E' }),
      CATS,
    );
    expect(report.overall).toMatchObject({ method: 'fleiss', ratersPerItem: 2, itemsUsed: 8, itemsSkipped: 2 });
    // Pairs on r1..r8: agree on r1,r3,r4,r5,r7,r8 -> 6/8; include 6/16 -> pe = (36+100)/256 = 0.53125;
    // kappa = 0.21875 / 0.46875 = 7/15.
    expect(report.overall.percentAgreement).toBeCloseTo(75, 12);
    expect(report.overall.expected).toBeCloseTo(0.53125, 12);
    expect(report.overall.kappa).toBeCloseTo(7 / 15, 12);
    // A and C share only r10.
    const ac = report.pairs.find((p) => p.raterA === 'A' && p.raterB === 'C')!;
    expect(ac.itemIds).toEqual(['r10']);
    expect(ac.table).toEqual([[0, 1], [0, 0]]);
  });

  it('pairs with no shared items and all-exclude data are undefined, never NaN', () => {
    const report = pairwiseAgreement(decisions({ A: 'EE..', B: 'EE..', C: '..EE' }), CATS);
    const ac = report.pairs.find((p) => p.raterB === 'C' && p.raterA === 'A')!;
    expect(ac).toMatchObject({ n: 0, kappa: null, percentAgreement: null });
    expect(ac.undefinedReason).toMatch(/no items/);
    const ab = report.pairs[0];
    expect(ab).toMatchObject({ kappa: null, percentAgreement: 100 });
    expect(report.overall.kappa).toBeNull();
    expect(report.overall.undefinedReason).toMatch(/expected agreement is 1/);
    const numbers = [report.overall, ...report.pairs].flatMap((r) => [r.observed, r.expected]);
    expect(numbers.every(Number.isFinite)).toBe(true);
  });

  it('no item with two decisions: overall method none', () => {
    const report = pairwiseAgreement(decisions({ A: 'I.', B: '.E' }), CATS);
    expect(report.overall).toMatchObject({ method: 'cohen', kappa: null, itemsUsed: 0, itemsSkipped: 2 });
    const solo = pairwiseAgreement(decisions({ A: 'IE' }), CATS);
    expect(solo.pairs).toEqual([]);
    expect(solo.overall).toMatchObject({ method: 'none', kappa: null, percentAgreement: null });
    expect(pairwiseAgreement([], CATS).overall.method).toBe('none');
  });

  it('a rater\u2019s later decision on the same item replaces the earlier one', () => {
    const report = pairwiseAgreement(
      [
        { itemId: 'x', raterId: 'A', value: 'exclude' },
        { itemId: 'x', raterId: 'B', value: 'include' },
        { itemId: 'x', raterId: 'A', value: 'include' },
      ],
      CATS,
    );
    expect(report.pairs[0].table).toEqual([[1, 0], [0, 0]]);
  });

  it('throws on a value outside the categories', () => {
    expect(() => pairwiseAgreement([{ itemId: 'x', raterId: 'A', value: 'maybe' }], CATS)).toThrow(/maybe/);
  });
});
