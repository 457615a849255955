/**
 * By default a review has one full-text exclusion reason per exclusion criterion (as Covidence
 * and Rayyan set them up). This picks the criteria that still lack one: active exclusion
 * criteria to which no reason (active or retired) is linked and whose label no reason already
 * uses (ignoring case), in criterion order.
 */
import type { CriterionKind } from './types';

interface CriterionLike {
  id: string;
  kind: CriterionKind;
  label: string;
  position: number;
  isRetired: boolean;
}

export function criteriaWithoutReason<C extends CriterionLike>(criteria: readonly C[], reasons: ReadonlyArray<{ label: string; criterionId: string | null }>): C[] {
  const linked = new Set(reasons.map((r) => r.criterionId).filter(Boolean));
  const labels = new Set(reasons.map((r) => r.label.trim().toLowerCase()));
  return criteria
    .filter((c) => c.kind === 'exclusion' && !c.isRetired && !linked.has(c.id) && !labels.has(c.label.trim().toLowerCase()))
    .sort((a, b) => a.position - b.position);
}
