/**
 * Agreement per reviewer pair and overall, from raw screening decisions.
 *
 * Per pair: Cohen's kappa (Cohen 1960) and percent agreement over the items both reviewers
 * decided — what Covidence and our spec report "per stage and per reviewer pair".
 *
 * Overall (our choice, documented here because tools differ):
 * - Exactly two reviewers in the data: the overall figure IS their pair's Cohen's kappa, so a
 *   two-person team never sees two different "kappas" for the same decisions.
 * - Three or more reviewers: Fleiss' kappa (Fleiss 1971) over the items that have the most common
 *   number m ≥ 2 of ratings (ties go to the larger m). Fleiss' kappa does not need the same people
 *   on every item, which fits dual screening shared across a team, where item 1 is screened by
 *   A+B and item 2 by B+C. Items with another number of ratings are counted in `itemsSkipped`.
 *   We do not use the also-common "Cohen's kappa of first vs second decision" because it depends
 *   on an arbitrary ordering of decisions and treats "first screener" as if it were one rater;
 *   Fleiss (m = 2 reduces to Scott's pi) makes no such assumption.
 *   Overall percent agreement is Fleiss' P-bar: the mean share of agreeing rater pairs per item,
 *   which for m = 2 is simply the share of items on which both decisions agree.
 *
 * Input must be the independent decisions only: conflict resolutions must not be passed in, as
 * resolving conflicts does not change agreement figures (Covidence; shared/notes/domain.md).
 * If a reviewer has several decisions on one item, the last one in input order is used.
 */
import { categoryIndex, cohensKappa, contingencyTable, fleissKappa, lookup } from './kappa';

export interface RaterDecision {
  itemId: string;
  raterId: string;
  value: string;
}

export interface PairAgreement {
  /** The pair in sorted order; table rows are raterA's categories, columns raterB's. */
  raterA: string;
  raterB: string;
  /** Items both reviewers decided, in first-seen order. */
  itemIds: string[];
  table: number[][];
  n: number;
  kappa: number | null;
  observed: number;
  expected: number;
  /** Observed agreement as a percentage 0–100; null when the pair shares no items. */
  percentAgreement: number | null;
  undefinedReason?: string;
}

export interface OverallAgreement {
  method: 'cohen' | 'fleiss' | 'none';
  kappa: number | null;
  observed: number;
  expected: number;
  percentAgreement: number | null;
  /** Ratings per item used (2 for the Cohen case); 0 for 'none'. */
  ratersPerItem: number;
  itemsUsed: number;
  /** Items not in the overall figure (single-rated, or a different number of ratings). */
  itemsSkipped: number;
  undefinedReason?: string;
}

export interface AgreementReport {
  raters: string[];
  pairs: PairAgreement[];
  overall: OverallAgreement;
}

/** itemId -> (raterId -> value), keeping the last decision of a rater on an item. */
function groupByItem(decisions: readonly RaterDecision[]): Map<string, Map<string, string>> {
  const byItem = new Map<string, Map<string, string>>();
  for (const d of decisions) {
    let raters = byItem.get(d.itemId);
    if (!raters) byItem.set(d.itemId, (raters = new Map()));
    raters.set(d.raterId, d.value);
  }
  return byItem;
}

function pairAgreement(
  raterA: string,
  raterB: string,
  byItem: Map<string, Map<string, string>>,
  categories: readonly string[],
): PairAgreement {
  const itemIds: string[] = [];
  const pairs: Array<[string, string]> = [];
  for (const [itemId, raters] of byItem) {
    const a = raters.get(raterA);
    const b = raters.get(raterB);
    if (a !== undefined && b !== undefined) {
      itemIds.push(itemId);
      pairs.push([a, b]);
    }
  }
  const table = contingencyTable(pairs, categories);
  const result = cohensKappa(table);
  return {
    raterA,
    raterB,
    itemIds,
    table,
    ...result,
    percentAgreement: result.n === 0 ? null : result.observed * 100,
  };
}

/** The most common number of ratings among items with at least two; ties go to the larger. */
function modalRatingCount(byItem: Map<string, Map<string, string>>): number {
  const frequency = new Map<number, number>();
  for (const raters of byItem.values()) {
    if (raters.size >= 2) frequency.set(raters.size, (frequency.get(raters.size) ?? 0) + 1);
  }
  let best = 0;
  let bestFrequency = 0;
  for (const [m, f] of frequency) {
    if (f > bestFrequency || (f === bestFrequency && m > best)) [best, bestFrequency] = [m, f];
  }
  return best;
}

function fleissOverall(byItem: Map<string, Map<string, string>>, categories: readonly string[]): OverallAgreement {
  const m = modalRatingCount(byItem);
  if (m === 0) {
    return {
      method: 'none',
      kappa: null,
      observed: 0,
      expected: 0,
      percentAgreement: null,
      ratersPerItem: 0,
      itemsUsed: 0,
      itemsSkipped: byItem.size,
      undefinedReason: 'no item was decided by two or more reviewers',
    };
  }
  const index = categoryIndex(categories);
  const counts: number[][] = [];
  for (const raters of byItem.values()) {
    if (raters.size !== m) continue;
    const row = categories.map(() => 0);
    for (const value of raters.values()) row[lookup(index, value)] += 1;
    counts.push(row);
  }
  const result = fleissKappa(counts);
  return {
    method: 'fleiss',
    kappa: result.kappa,
    observed: result.observed,
    expected: result.expected,
    percentAgreement: result.observed * 100,
    ratersPerItem: m,
    itemsUsed: counts.length,
    itemsSkipped: byItem.size - counts.length,
    ...(result.undefinedReason ? { undefinedReason: result.undefinedReason } : {}),
  };
}

/**
 * Agreement for every pair of reviewers (sorted by id) plus an overall figure (see header).
 * Values must be in `categories`; map screening values first (toBinaryScreeningValue).
 */
export function pairwiseAgreement(decisions: readonly RaterDecision[], categories: readonly string[]): AgreementReport {
  const index = categoryIndex(categories);
  // Validate every value up front, not only those that end up in a pair.
  for (const d of decisions) lookup(index, d.value);

  const byItem = groupByItem(decisions);
  const raters = [...new Set(decisions.map((d) => d.raterId))].sort();
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) pairs.push(pairAgreement(raters[i], raters[j], byItem, categories));
  }

  let overall: OverallAgreement;
  if (raters.length === 2) {
    const only = pairs[0];
    overall = {
      method: 'cohen',
      kappa: only.kappa,
      observed: only.observed,
      expected: only.expected,
      percentAgreement: only.percentAgreement,
      ratersPerItem: 2,
      itemsUsed: only.n,
      itemsSkipped: byItem.size - only.n,
      ...(only.undefinedReason ? { undefinedReason: only.undefinedReason } : {}),
    };
  } else {
    overall = fleissOverall(byItem, categories);
  }
  return { raters, pairs, overall };
}
