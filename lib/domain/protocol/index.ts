/** The protocol as plain data: fields, criteria, reasons, templates, snapshots and their diffs. */
export * from './types';
export { diffSnapshots, shortSummary, snapshotsEqual } from './diff-snapshots';
export { MAX_TERM_LENGTH, MAX_TERMS_PER_LIST, normalizeTerms, termsToText } from './highlight-terms';
export { isProsperoRegistry, registrationHints } from './registration-hints';
export { criteriaWithoutReason } from './reasons-from-criteria';
export { moveToPosition, renumber } from './reorder';
export { criterionDeletionProblem, criterionKindProblem, reasonChangeProblem, reasonDeletionProblem, type ReasonPatch } from './rules';
export { listing, screeningStartedWarning } from './screening-warning';
export { PROTOCOL_TEMPLATE_IDS, TEMPLATE_CHOICES, templateName, type ProtocolTemplateId } from './template-choices';
export { getProtocolTemplate, type ProtocolTemplate, type TemplateCriterion } from './templates';
