/**
 * Inter-rater agreement per stage from the independent decisions (resolutions never change it).
 * Title/abstract: include vs exclude with maybe counted as include. Full text: include, or
 * exclude *with its reason*, so two exclusions for different reasons disagree (issue 5).
 * Blinding: while a stage is blinded only adjudicators see agreement, since a small table can
 * reveal a colleague's votes.
 */
import { interpretKappa, pairwiseAgreement, screeningAgreement } from '../domain/agreement';
import { toCsv } from '../domain/export/to-csv';
import type { Stage } from '../domain/screening/stage-outcome';
import { loadStageDecisions } from '../db/agreement-data';
import { getStageSetting } from '../db/screening';
import { forbidden } from '../errors';
import { requireReviewRole } from './permissions';

export async function stageAgreement(userId: string, reviewId: string, stage: Stage) {
  const access = await requireReviewRole(reviewId, userId, 'reviewer');
  const setting = await getStageSetting(reviewId, stage);
  if (setting.isBlinded && !access.canAdjudicate) throw forbidden('Agreement is shown to adjudicators while this stage is blinded.');
  const { decisions, reviewerNames } = await loadStageDecisions(reviewId, stage);
  const items = decisions.map((d) => ({ itemId: d.recordId, raterId: d.reviewerId, value: stage === 'full_text' && d.value === 'exclude' ? `exclude:${d.reasonId ?? 'none'}` : d.value }));
  const categories = stage === 'title_abstract' ? ['include', 'exclude'] : ['include', ...new Set(items.map((i) => i.value).filter((v) => v !== 'include'))];
  const report = stage === 'title_abstract' ? screeningAgreement(items) : pairwiseAgreement(items, categories);
  const name = (id: string) => reviewerNames.get(id) ?? 'former member';
  return {
    stage,
    /** Row/column labels of every table: include, exclude (title/abstract) or exclude:<reasonId> (full text). */
    categories,
    decisions: decisions.length,
    overall: { ...report.overall, reading: interpretKappa(report.overall.kappa, report.overall.undefinedReason) },
    pairs: report.pairs.map((p) => ({
      reviewerA: { id: p.raterA, name: name(p.raterA) },
      reviewerB: { id: p.raterB, name: name(p.raterB) },
      n: p.n, table: p.table, kappa: p.kappa, percentAgreement: p.percentAgreement, observed: p.observed, expected: p.expected,
      reading: interpretKappa(p.kappa, p.undefinedReason),
    })),
    note: stage === 'title_abstract'
      ? 'Maybe counts as include. Figures describe the independent decisions; resolving conflicts does not change them.'
      : 'Exclusions agree only when their reasons agree. Figures describe the independent decisions; resolving conflicts does not change them.',
  };
}

export async function stageAgreementCsv(userId: string, reviewId: string, stage: Stage): Promise<string> {
  const a = await stageAgreement(userId, reviewId, stage);
  const rows = [
    ['overall', 'all', '', a.overall.itemsUsed, a.overall.kappa, a.overall.percentAgreement, a.overall.method, a.overall.reading],
    ...a.pairs.map((p) => ['pair', p.reviewerA.name, p.reviewerB.name, p.n, p.kappa, p.percentAgreement, 'cohen', p.reading]),
  ];
  return toCsv(['scope', 'reviewer_a', 'reviewer_b', 'records', 'kappa', 'percent_agreement', 'method', 'reading'], rows);
}
