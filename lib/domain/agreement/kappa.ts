/**
 * Chance-corrected agreement between raters on a nominal scale.
 *
 * - Cohen's kappa for two raters: J. Cohen, "A coefficient of agreement for nominal scales",
 *   Educational and Psychological Measurement 20(1):37–46, 1960. kappa = (po − pe) / (1 − pe), where
 *   po is the observed proportion of agreement (the table's diagonal) and pe the agreement expected
 *   by chance from each rater's own marginal proportions.
 * - Fleiss' kappa for m raters per item: J. L. Fleiss, "Measuring nominal scale agreement among
 *   many raters", Psychological Bulletin 76(5):378–382, 1971. Raters need not be the same people
 *   for each item; chance agreement uses the pooled category proportions (for m = 2 this is
 *   Scott's pi, not Cohen's kappa).
 *
 * Kappa is undefined when expected agreement is 1 (e.g. every decision is "exclude"): the formula
 * is 0/0. Reviewers' reports must say so rather than print NaN (shared/notes/domain.md), so these
 * functions return `kappa: null` with an `undefinedReason` instead.
 */

export interface CohenResult {
  /** Cohen's kappa, or null when it is not defined (see undefinedReason). */
  kappa: number | null;
  /** Observed proportion of agreement, 0–1 (0 when n = 0). */
  observed: number;
  /** Proportion of agreement expected by chance, 0–1 (0 when n = 0). */
  expected: number;
  /** Number of items in the table. */
  n: number;
  undefinedReason?: string;
}

export interface FleissResult {
  kappa: number | null;
  /** Mean per-item proportion of agreeing rater pairs (Fleiss' P-bar). */
  observed: number;
  /** Chance agreement from the pooled category proportions (Fleiss' P-bar-e). */
  expected: number;
  /** Number of items. */
  n: number;
  /** Ratings per item (m); 0 when there are no items. */
  ratersPerItem: number;
  undefinedReason?: string;
}

// Expected agreement is a sum of products of proportions; when it should be exactly 1 floating
// point can leave it a hair below, which would turn 0/0 into a huge or meaningless number.
const EPSILON = 1e-12;

function assertCount(value: number, where: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: counts must be finite and non-negative, got ${value}`);
  }
}

/**
 * Cohen's kappa for a k×k contingency table: rows are rater A's categories, columns rater B's, in
 * the same category order. Throws on a non-square table or negative counts (caller bugs).
 */
export function cohensKappa(table: number[][]): CohenResult {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k) throw new RangeError(`cohensKappa: table must be square (${k}×${k})`);
    row.forEach((c) => assertCount(c, 'cohensKappa'));
  }
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = table.map((_, j) => table.reduce((a, row) => a + row[j], 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  if (n === 0) {
    return { kappa: null, observed: 0, expected: 0, n, undefinedReason: 'no items were rated by both raters' };
  }
  let diagonal = 0;
  let chance = 0;
  for (let i = 0; i < k; i++) {
    diagonal += table[i][i];
    chance += rowSums[i] * colSums[i];
  }
  const observed = diagonal / n;
  const expected = chance / (n * n);
  if (expected >= 1 - EPSILON) {
    return {
      kappa: null,
      observed,
      expected: 1,
      n,
      undefinedReason: 'expected agreement is 1: both raters put every item in the same single category',
    };
  }
  return { kappa: (observed - expected) / (1 - expected), observed, expected, n };
}

/**
 * Builds the k×k table from paired decisions [rater A's value, rater B's value]. Rows/columns
 * follow `categories`; a value outside it throws, since silently dropping it would bias kappa.
 */
export function contingencyTable(pairs: ReadonlyArray<readonly [string, string]>, categories: readonly string[]): number[][] {
  const index = categoryIndex(categories);
  const table = categories.map(() => categories.map(() => 0));
  for (const [a, b] of pairs) {
    table[lookup(index, a)][lookup(index, b)] += 1;
  }
  return table;
}

/** Map from category to row/column index; duplicate categories would double-count, so they throw. */
export function categoryIndex(categories: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  categories.forEach((c, i) => {
    if (index.has(c)) throw new RangeError(`duplicate category "${c}"`);
    index.set(c, i);
  });
  return index;
}

export function lookup(index: Map<string, number>, value: string): number {
  const i = index.get(value);
  if (i === undefined) {
    throw new RangeError(`value "${value}" is not one of the categories [${[...index.keys()].join(', ')}]`);
  }
  return i;
}

/**
 * Fleiss' kappa for an items × categories matrix of counts (counts[i][j] = how many raters put
 * item i in category j). Every item must have the same number m ≥ 2 of ratings, as the method
 * assumes; otherwise the result is null with a reason. Ragged rows or negative counts throw.
 */
export function fleissKappa(counts: number[][]): FleissResult {
  const n = counts.length;
  if (n === 0) {
    return { kappa: null, observed: 0, expected: 0, n, ratersPerItem: 0, undefinedReason: 'no items' };
  }
  const k = counts[0].length;
  for (const row of counts) {
    if (row.length !== k) throw new RangeError('fleissKappa: every item needs a count for every category');
    row.forEach((c) => assertCount(c, 'fleissKappa'));
  }
  const perItem = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const m = perItem[0];
  const undefinedResult = (reason: string): FleissResult => ({
    kappa: null,
    observed: 0,
    expected: 0,
    n,
    ratersPerItem: m,
    undefinedReason: reason,
  });
  if (perItem.some((t) => t !== m)) {
    return undefinedResult('items have different numbers of ratings; Fleiss\u2019 kappa needs the same number per item');
  }
  if (m < 2) return undefinedResult('each item needs at least two ratings');

  // P_i: proportion of agreeing rater pairs on item i = Σ_j n_ij(n_ij − 1) / (m(m − 1)).
  let sumPi = 0;
  const categoryTotals = new Array<number>(k).fill(0);
  for (const row of counts) {
    let pairs = 0;
    row.forEach((c, j) => {
      pairs += c * (c - 1);
      categoryTotals[j] += c;
    });
    sumPi += pairs / (m * (m - 1));
  }
  const observed = sumPi / n;
  const expected = categoryTotals.reduce((a, t) => a + (t / (n * m)) ** 2, 0);
  if (expected >= 1 - EPSILON) {
    return {
      ...undefinedResult('expected agreement is 1: every rating is in the same single category'),
      observed,
      expected: 1,
    };
  }
  return { kappa: (observed - expected) / (1 - expected), observed, expected, n, ratersPerItem: m };
}
