/**
 * Where a record stands at one screening stage, from the independent decisions on it and an
 * optional adjudicated resolution. Rules (issue 4/5; Covidence's documented behaviour):
 * - Fewer decisions than required: pending ("awaiting reviewer"), whatever they say.
 * - Title/abstract: "maybe" counts as include — it agrees with include and disagrees with exclude.
 *   All include -> included (passes to full text); all exclude -> excluded; otherwise conflict.
 * - Full text: all include -> included; all exclude with the SAME reason -> excluded with it;
 *   excludes with different reasons are a reason-conflict; include vs exclude is a conflict.
 * - A resolution settles a conflict; it never rewrites the decisions (agreement statistics are
 *   computed from the decisions alone).
 */
export type Stage = 'title_abstract' | 'full_text';
export type DecisionValue = 'include' | 'exclude' | 'maybe';
export type Outcome = 'pending' | 'conflict' | 'included' | 'excluded';

export interface StageDecision {
  reviewerId: string;
  value: DecisionValue;
  reasonId?: string | null;
}

export interface StageResolution {
  value: 'include' | 'exclude';
  reasonId?: string | null;
}

export interface StageOutcome {
  outcome: Outcome;
  decisionsCount: number;
  /** The exclusion reason that reports this record, when excluded at full text. */
  reasonId?: string | null;
  conflictKind?: 'decision' | 'reason';
  isResolved: boolean;
}

export function computeStageOutcome(input: {
  stage: Stage;
  required: number;
  decisions: StageDecision[];
  resolution?: StageResolution | null;
}): StageOutcome {
  const { stage, required, decisions, resolution } = input;
  const decisionsCount = decisions.length;
  if (resolution) {
    return {
      outcome: resolution.value === 'include' ? 'included' : 'excluded',
      decisionsCount,
      reasonId: resolution.value === 'exclude' ? (resolution.reasonId ?? null) : undefined,
      isResolved: true,
    };
  }
  if (decisionsCount === 0 || decisionsCount < required) return { outcome: 'pending', decisionsCount, isResolved: false };

  const votes = decisions.map((d) => (d.value === 'maybe' ? 'include' : d.value));
  if (votes.every((v) => v === 'include')) return { outcome: 'included', decisionsCount, isResolved: false };
  if (votes.every((v) => v === 'exclude')) {
    if (stage === 'full_text') {
      const reasons = new Set(decisions.map((d) => d.reasonId ?? null));
      if (reasons.size > 1) return { outcome: 'conflict', decisionsCount, conflictKind: 'reason', isResolved: false };
      return { outcome: 'excluded', decisionsCount, reasonId: decisions[0].reasonId ?? null, isResolved: false };
    }
    return { outcome: 'excluded', decisionsCount, isResolved: false };
  }
  return { outcome: 'conflict', decisionsCount, conflictKind: 'decision', isResolved: false };
}

/** Whether a value is allowed at a stage: "maybe" is a title/abstract answer only. */
export function isValueAllowed(stage: Stage, value: DecisionValue): boolean {
  return stage === 'title_abstract' || value !== 'maybe';
}
