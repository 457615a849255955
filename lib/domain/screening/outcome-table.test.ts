import { describe, expect, it } from 'vitest';
import { firstDecisionOutcomeTable } from './outcome-table';

describe('the outcome table of a first title/abstract decision', () => {
  it('has one entry per tally of fewer than the required decisions, as the rules decide', () => {
    const table = firstDecisionOutcomeTable(2, 'maybe');
    expect(Object.fromEntries(table.keys.map((k, i) => [k, table.outcomes[i]]))).toEqual({
      '0:0:0': 'pending', '1:0:0': 'included', '0:1:0': 'included', '0:0:1': 'conflict',
    });
    expect(firstDecisionOutcomeTable(1, 'exclude')).toEqual({ keys: ['0:0:0'], outcomes: ['excluded'] });
    expect(firstDecisionOutcomeTable(3, 'include').keys).toHaveLength(1 + 3 + 6);
  });
});
