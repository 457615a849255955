import { describe, expect, it } from 'vitest';
import { computeStageOutcome, isValueAllowed, type StageDecision } from './stage-outcome';

const d = (reviewerId: string, value: StageDecision['value'], reasonId?: string): StageDecision => ({ reviewerId, value, reasonId });

describe('title/abstract outcome', () => {
  it('waits for the required number of decisions', () => {
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions: [d('a', 'exclude')] })).toMatchObject({ outcome: 'pending', decisionsCount: 1 });
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions: [] }).outcome).toBe('pending');
  });
  it('moves agreeing decisions on, with maybe counting as include', () => {
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions: [d('a', 'include'), d('b', 'maybe')] }).outcome).toBe('included');
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions: [d('a', 'exclude'), d('b', 'exclude')] }).outcome).toBe('excluded');
    expect(computeStageOutcome({ stage: 'title_abstract', required: 1, decisions: [d('a', 'maybe')] }).outcome).toBe('included');
  });
  it('flags disagreement, including maybe against exclude', () => {
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions: [d('a', 'include'), d('b', 'exclude')] })).toMatchObject({ outcome: 'conflict', conflictKind: 'decision' });
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions: [d('a', 'maybe'), d('b', 'exclude')] }).outcome).toBe('conflict');
    expect(computeStageOutcome({ stage: 'title_abstract', required: 3, decisions: [d('a', 'include'), d('b', 'include'), d('c', 'exclude')] }).outcome).toBe('conflict');
  });
  it('lets a resolution settle a conflict without touching the decisions', () => {
    const decisions = [d('a', 'include'), d('b', 'exclude')];
    expect(computeStageOutcome({ stage: 'title_abstract', required: 2, decisions, resolution: { value: 'include' } })).toMatchObject({ outcome: 'included', isResolved: true, decisionsCount: 2 });
  });
});

describe('full-text outcome', () => {
  it('excludes with the shared reason', () => {
    expect(computeStageOutcome({ stage: 'full_text', required: 2, decisions: [d('a', 'exclude', 'r1'), d('b', 'exclude', 'r1')] })).toMatchObject({ outcome: 'excluded', reasonId: 'r1' });
  });
  it('treats two exclusions with different reasons as a reason-conflict', () => {
    expect(computeStageOutcome({ stage: 'full_text', required: 2, decisions: [d('a', 'exclude', 'r1'), d('b', 'exclude', 'r2')] })).toMatchObject({ outcome: 'conflict', conflictKind: 'reason' });
  });
  it('reports the adjudicated reason', () => {
    const out = computeStageOutcome({ stage: 'full_text', required: 2, decisions: [d('a', 'exclude', 'r1'), d('b', 'exclude', 'r2')], resolution: { value: 'exclude', reasonId: 'r2' } });
    expect(out).toMatchObject({ outcome: 'excluded', reasonId: 'r2', isResolved: true });
  });
  it('allows maybe only at title/abstract', () => {
    expect(isValueAllowed('title_abstract', 'maybe')).toBe(true);
    expect(isValueAllowed('full_text', 'maybe')).toBe(false);
    expect(isValueAllowed('full_text', 'exclude')).toBe(true);
  });
});
