/**
 * The protocol's vocabulary as plain data: its text fields, criteria, exclusion reasons and the
 * snapshot kept for every saved version. The words follow PRISMA 2020 and PRISMA-P (Moher et al.
 * 2015): eligibility criteria with the PICOS/PECO elements, and full-text exclusion reasons.
 */

export const STAGES = ['title_abstract', 'full_text'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABEL: Record<Stage, string> = { title_abstract: 'Title/abstract', full_text: 'Full text' };

export const CRITERION_KINDS = ['inclusion', 'exclusion'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export type ReasonKind = 'standard' | 'not_retrieved';

/** The free-text fields, in the order the protocol page shows them. */
export const PROTOCOL_TEXT_FIELDS = [
  'question',
  'registry',
  'registrationId',
  'registrationUrl',
  'population',
  'intervention',
  'comparator',
  'outcomes',
  'studyDesigns',
  'setting',
  'languages',
  'dateLimits',
  'notes',
] as const;
export type ProtocolTextField = (typeof PROTOCOL_TEXT_FIELDS)[number];
export type ProtocolFields = Record<ProtocolTextField, string>;

export const FIELD_LABEL: Record<ProtocolTextField, string> = {
  question: 'Review question',
  registry: 'Registry',
  registrationId: 'Registration ID',
  registrationUrl: 'Registration URL',
  population: 'Population',
  intervention: 'Intervention or exposure',
  comparator: 'Comparator',
  outcomes: 'Outcomes',
  studyDesigns: 'Study designs',
  setting: 'Setting',
  languages: 'Languages',
  dateLimits: 'Date limits',
  notes: 'Notes',
};

export const EMPTY_FIELDS: ProtocolFields = Object.fromEntries(PROTOCOL_TEXT_FIELDS.map((f) => [f, ''])) as ProtocolFields;

/**
 * The one system reason. A full text that could not be obtained is a PRISMA "report not
 * retrieved", not an exclusion, so it is counted apart and keeps this name.
 */
export const NOT_RETRIEVED_REASON = {
  label: 'Full text not retrievable',
  description: 'The full text could not be obtained. Counted apart in PRISMA 2020 as a report not retrieved, not as an excluded report.',
} as const;

export interface SnapshotCriterion {
  id: string;
  kind: CriterionKind;
  label: string;
  description: string;
  stages: Stage[];
  position: number;
  isRetired: boolean;
}

export interface SnapshotReason {
  id: string;
  kind: ReasonKind;
  label: string;
  description: string;
  position: number;
  priority: number;
  criterionId: string | null;
  isRetired: boolean;
}

/** What a ProtocolVersion row stores: everything reviewers screen against at that version. */
export interface ProtocolSnapshot {
  format: 1;
  fields: ProtocolFields;
  highlightInclude: string[];
  highlightExclude: string[];
  criteria: SnapshotCriterion[];
  reasons: SnapshotReason[];
  /** Only on version 1 when the review started from a template. */
  templateId?: string;
}
