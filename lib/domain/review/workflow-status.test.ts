import { describe, expect, it } from 'vitest';
import { workflowStatus, type ReviewFacts } from './workflow-status';

const fresh: ReviewFacts = {
  members: 1,
  protocol: { hasQuestion: false, criteria: 0 },
  searches: 0,
  records: 0,
  duplicatesRemoved: 0,
  duplicatePairsPending: 0,
  progress: { title_abstract: { total: 0, screenedByMe: 0, neededFromMe: 0 }, full_text: { total: 0, screenedByMe: 0, neededFromMe: 0 } },
  openConflicts: { title_abstract: 0, full_text: 0 },
};

const states = (f: ReviewFacts) => Object.fromEntries(Object.entries(workflowStatus(f)).map(([k, v]) => [k, v.state]));

describe('workflowStatus', () => {
  it('a new review: everything to do, PRISMA coming, export open', () => {
    expect(states(fresh)).toEqual({
      settings: 'to_do', protocol: 'to_do', import: 'to_do', duplicates: 'to_do', screen: 'to_do', conflicts: 'to_do', 'full-text': 'to_do', prisma: 'coming', export: 'open',
    });
  });

  it('a review under way: counts in the details, work left shown as in progress', () => {
    const s = workflowStatus({
      ...fresh,
      members: 3,
      protocol: { hasQuestion: true, criteria: 1 },
      searches: 2,
      records: 1187,
      duplicatesRemoved: 13,
      duplicatePairsPending: 4,
      progress: { title_abstract: { total: 1187, screenedByMe: 20, neededFromMe: 1167 }, full_text: { total: 0, screenedByMe: 0, neededFromMe: 0 } },
      openConflicts: { title_abstract: 3, full_text: 0 },
    });
    expect(s.settings).toEqual({ state: 'done', detail: '3 members.' });
    expect(s.protocol).toEqual({ state: 'done', detail: 'Question and 1 eligibility criterion.' });
    expect(s.import.detail).toBe('1,200 records from 2 searches; add another search any time.');
    expect(s.duplicates).toEqual({ state: 'in_progress', detail: '4 likely pairs to check; 13 duplicates removed so far.' });
    expect(s.screen).toEqual({ state: 'in_progress', detail: '1,167 records need your decision; you decided 20 of 1,187.' });
    expect(s.conflicts).toEqual({ state: 'in_progress', detail: '3 open conflicts (title/abstract 3, full text 0).' });
    expect(s['full-text']).toEqual({ state: 'to_do', detail: 'Records that pass title/abstract screening come here.' });
  });

  it('a half-written protocol says what is missing', () => {
    expect(workflowStatus({ ...fresh, protocol: { hasQuestion: true, criteria: 0 } }).protocol.detail).toBe('Question written; add the eligibility criteria.');
    expect(workflowStatus({ ...fresh, protocol: { hasQuestion: false, criteria: 2 } }).protocol.detail).toBe('2 eligibility criteria; write the review question.');
  });

  it('a viewer and a reviewer who does not adjudicate see no one else\'s progress or conflicts', () => {
    const s = workflowStatus({ ...fresh, searches: 1, records: 10, progress: undefined, openConflicts: undefined });
    expect([s.screen.state, s['full-text'].state, s.conflicts.state]).toEqual(['open', 'open', 'open']);
    expect(s.conflicts.detail).not.toMatch(/\d/);
  });

  it('done when nothing is left for the caller', () => {
    const s = workflowStatus({ ...fresh, searches: 1, records: 1, progress: { title_abstract: { total: 1, screenedByMe: 1, neededFromMe: 0 }, full_text: { total: 1, screenedByMe: 1, neededFromMe: 0 } } });
    expect(s.screen).toEqual({ state: 'done', detail: 'Nothing left for you: you decided 1 record of 1 record.' });
    expect(s['full-text'].state).toBe('done');
    expect(s.conflicts).toEqual({ state: 'done', detail: 'No open conflicts.' });
  });
});
