/** Inter-rater agreement for screening: Cohen's and Fleiss' kappa, per pair and overall. */
export { cohensKappa, contingencyTable, fleissKappa, type CohenResult, type FleissResult } from './kappa';
export {
  pairwiseAgreement,
  type AgreementReport,
  type OverallAgreement,
  type PairAgreement,
  type RaterDecision,
} from './pairwise';
export {
  interpretKappa,
  screeningAgreement,
  SCREENING_CATEGORIES,
  toBinaryScreeningValue,
  type BinaryScreeningValue,
  type ScreeningValue,
} from './screening';
