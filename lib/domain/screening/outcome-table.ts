/**
 * The outcome table of the one-statement first decision (lib/db/screening.ts, decision 012).
 */
import { computeStageOutcome, type DecisionValue } from './stage-outcome';

/**
 * Where a record stands after this first title/abstract decision, for every tally of the others'
 * decisions the record can have (fewer than `required`), computed by the domain rules
 * (computeStageOutcome): the statement only looks its tally up, so the rules stay in one place.
 * Keys are "include:maybe:exclude" counts of the other reviewers' decisions.
 */
const outcomeTables = new Map<string, { keys: string[]; outcomes: string[] }>();
export function firstDecisionOutcomeTable(required: number, value: DecisionValue): { keys: string[]; outcomes: string[] } {
  const cacheKey = `${required}:${value}`;
  let table = outcomeTables.get(cacheKey);
  if (!table) {
    table = { keys: [], outcomes: [] };
    for (let n = 0; n < required; n++) {
      for (let include = 0; include <= n; include++) {
        for (let maybe = 0; include + maybe <= n; maybe++) {
          const exclude = n - include - maybe;
          const others = [...Array<DecisionValue>(include).fill('include'), ...Array<DecisionValue>(maybe).fill('maybe'), ...Array<DecisionValue>(exclude).fill('exclude')];
          const { outcome } = computeStageOutcome({
            stage: 'title_abstract',
            required,
            decisions: [...others.map((v, i) => ({ reviewerId: `other-${i}`, value: v })), { reviewerId: 'me', value }],
          });
          table.keys.push(`${include}:${maybe}:${exclude}`);
          table.outcomes.push(outcome);
        }
      }
    }
    outcomeTables.set(cacheKey, table);
  }
  return table;
}

