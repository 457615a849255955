/**
 * Screening-specific helpers on top of the generic kappa code.
 *
 * "Maybe counts as yes": at title/abstract screening a "maybe" means "take it to full text", so
 * for conflicts and for kappa it agrees with "include" and disagrees with "exclude" (Covidence's
 * kappa export and our spec, shared/notes/domain.md). Kappa is then computed on include/exclude.
 *
 * Plain-language bands for kappa: J. R. Landis, G. G. Koch, "The measurement of observer agreement
 * for categorical data", Biometrics 33(1):159–174, 1977. The bands are conventional, not
 * statistical thresholds; we show them next to the number, never instead of it.
 */
import { pairwiseAgreement, type AgreementReport } from './pairwise';

export type ScreeningValue = 'include' | 'exclude' | 'maybe';
export type BinaryScreeningValue = 'include' | 'exclude';

/** Category order for screening tables: row/column 0 is include, 1 is exclude. */
export const SCREENING_CATEGORIES: readonly BinaryScreeningValue[] = ['include', 'exclude'];

/** include -> include, maybe -> include, exclude -> exclude. Case and surrounding spaces are ignored. */
export function toBinaryScreeningValue(value: string): BinaryScreeningValue {
  const v = value.trim().toLowerCase();
  if (v === 'include' || v === 'maybe') return 'include';
  if (v === 'exclude') return 'exclude';
  throw new RangeError(`not a screening decision: "${value}" (expected include, exclude or maybe)`);
}

/** Per-pair and overall agreement for title/abstract decisions, with "maybe" counted as include. */
export function screeningAgreement(
  decisions: ReadonlyArray<{ itemId: string; raterId: string; value: string }>,
): AgreementReport {
  const binary = decisions.map((d) => ({ ...d, value: toBinaryScreeningValue(d.value) }));
  return pairwiseAgreement(binary, SCREENING_CATEGORIES);
}

// Landis & Koch's bands are written to two decimals (0.21–0.40 ...), so we round to two decimals
// first: the label then always matches the figure shown, e.g. 0.2049 shows as 0.20, "slight".
const BANDS: ReadonlyArray<[number, string]> = [
  [0.2, 'slight'],
  [0.4, 'fair'],
  [0.6, 'moderate'],
  [0.8, 'substantial'],
  [1, 'almost perfect'],
];

/**
 * Plain-language reading of a kappa value, e.g. "moderate agreement". For null, "not defined: "
 * followed by the reason when given (pass the result's undefinedReason).
 */
export function interpretKappa(kappa: number | null, undefinedReason?: string): string {
  if (kappa === null || Number.isNaN(kappa)) {
    return `not defined: ${undefinedReason ?? 'expected agreement is 1 or there are no items rated by both'}`;
  }
  const rounded = Math.round(kappa * 100) / 100;
  if (rounded < 0) return 'poor agreement (less than chance)';
  for (const [upper, label] of BANDS) if (rounded <= upper) return `${label} agreement`;
  return 'almost perfect agreement';
}
