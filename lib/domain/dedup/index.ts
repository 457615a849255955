/**
 * Deduplication of bibliographic records (ASySD-style: normalise, block, Jaro-Winkler field
 * scores, OR-ed rules; exact pairs merge, likely pairs go to people). See find-duplicates.ts.
 */
export { findDuplicatePairs, findDuplicates } from './find-duplicates';
export { prepareRecord, type PreparedRecord } from './prepare-record';
export type { DedupItem, DedupResult, DuplicateGroup, DuplicatePair, DuplicateTier, FindDuplicatesOptions, PairScores } from './find-duplicates';
export { jaroWinkler } from './jaro-winkler';
export { normalizeTitle } from './normalize-fields';
export { THRESHOLDS } from './score-pair';
export { completenessScore, pickSurvivor } from './survivor';
