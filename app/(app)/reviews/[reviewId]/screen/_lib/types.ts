/** What the screening page's server half hands its client half (plain, serialisable data). */
import type { ScreeningRecord } from '@/lib/db/screening-records';
import type { FullTextView } from '@/lib/services/full-text';

export type { FullTextView, ScreeningRecord };
export type Stage = 'title_abstract' | 'full_text';
export type DecisionValue = 'include' | 'exclude' | 'maybe';
export type ChecklistAnswer = 'met' | 'not_met' | 'unclear';

/** A record to screen; at full text, with what is attached to it. */
export interface QueueItem {
  record: ScreeningRecord;
  fullText: FullTextView | null;
}

export interface CriterionOption {
  id: string;
  kind: 'inclusion' | 'exclusion';
  label: string;
  description: string;
}

export interface ReasonOption {
  id: string;
  label: string;
  description: string;
}

export interface ProgressView {
  total: number;
  screenedByMe: number;
  neededFromMe: number;
  requiredDecisions: number;
  isBlinded: boolean;
}

export interface ScreeningSetup {
  reviewId: string;
  stage: Stage;
  /** The protocol's criteria for this stage, in protocol order (retired ones left out). */
  criteria: CriterionOption[];
  /** Full-text exclusion reasons in the team's priority order (retired ones left out). */
  reasons: ReasonOption[];
  notRetrievedReasonId: string | null;
  highlight: { include: string[]; exclude: string[] };
  hasChecklist: boolean;
  canAttach: boolean;
  pdfLimitBytes: number;
}

export const STAGE_LABEL: Record<Stage, string> = { title_abstract: 'Title/abstract', full_text: 'Full text' };
export const DECISION_LABEL: Record<DecisionValue, string> = { include: 'Include', exclude: 'Exclude', maybe: 'Maybe' };

export function parseStage(value: string | string[] | undefined): Stage {
  return value === 'full_text' ? 'full_text' : 'title_abstract';
}
