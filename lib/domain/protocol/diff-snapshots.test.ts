import { describe, expect, it } from 'vitest';
import { diffSnapshots, shortSummary, snapshotsEqual } from './diff-snapshots';
import { EMPTY_FIELDS, type ProtocolSnapshot, type SnapshotCriterion, type SnapshotReason } from './types';

const criterion = (id: string, label: string, position: number, extra: Partial<SnapshotCriterion> = {}): SnapshotCriterion => ({
  id,
  kind: 'inclusion',
  label,
  description: '',
  stages: ['title_abstract', 'full_text'],
  position,
  isRetired: false,
  ...extra,
});
const reason = (id: string, label: string, position: number, extra: Partial<SnapshotReason> = {}): SnapshotReason => ({
  id,
  kind: 'standard',
  label,
  description: '',
  position,
  priority: position,
  criterionId: null,
  isRetired: false,
  ...extra,
});
const snap = (extra: Partial<ProtocolSnapshot> = {}): ProtocolSnapshot => ({
  format: 1,
  fields: { ...EMPTY_FIELDS },
  highlightInclude: [],
  highlightExclude: [],
  criteria: [],
  reasons: [reason('nr', 'Full text not retrievable', 0, { kind: 'not_retrieved', priority: 0 })],
  ...extra,
});

describe('diffSnapshots', () => {
  it('describes the first version, naming the template and counting what it holds', () => {
    const first = snap({ criteria: [criterion('a', 'A', 1), criterion('b', 'B', 2, { kind: 'exclusion' })], reasons: [...snap().reasons, reason('r', 'B', 1)] });
    expect(diffSnapshots(null, first, 'Ketamine')).toEqual(['Protocol started from the template “Ketamine”', '1 inclusion criterion and 1 exclusion criterion', '1 exclusion reason']);
    expect(diffSnapshots(null, snap())).toEqual(['Protocol started']);
  });

  it('names added, cleared and edited fields, with values for short ones', () => {
    const before = snap({ fields: { ...EMPTY_FIELDS, question: 'Old?', population: 'Mice', registry: 'OSF' } });
    const after = snap({ fields: { ...EMPTY_FIELDS, question: 'New?', outcomes: 'BDNF', registry: 'PROSPERO', registrationId: 'CRD42019123346' } });
    expect(diffSnapshots(before, after)).toEqual([
      'Review question edited',
      'Registry changed from “OSF” to “PROSPERO”',
      'Registration ID set to “CRD42019123346”',
      'Population cleared',
      'Outcomes added',
    ]);
  });

  it('lists added and removed highlight terms, ignoring case, with at most three shown', () => {
    const before = snap({ highlightInclude: ['ketamine', 'BDNF'], highlightExclude: ['pain'] });
    const after = snap({ highlightInclude: ['Ketamine', 'TrkB', 'mTOR', 'synap*', 'spine*'], highlightExclude: ['pain'] });
    expect(diffSnapshots(before, after)).toEqual(['Inclusion highlight terms: added “TrkB”, “mTOR”, “synap*” and 1 more; removed “BDNF”']);
    expect(diffSnapshots(snap({ highlightExclude: ['a', 'b'] }), snap({ highlightExclude: ['b', 'a'] }))).toEqual(['Exclusion highlight terms edited']);
  });

  it('matches criteria by id: renames, edits, kinds, stages, retirement, deletion and order', () => {
    const before = snap({ criteria: [criterion('a', 'Adults', 1), criterion('b', 'RCT', 2), criterion('c', 'English', 3), criterion('d', 'Gone', 4)] });
    const after = snap({
      criteria: [
        criterion('b', 'Randomised trial', 1, { description: 'Any RCT', stages: ['full_text'] }),
        criterion('a', 'Adults', 2, { kind: 'exclusion', isRetired: true }),
        criterion('c', 'English', 3),
        criterion('e', 'New one', 4),
      ],
    });
    expect(diffSnapshots(before, after)).toEqual([
      'Renamed criterion “RCT” to “Randomised trial”',
      'Edited the description of criterion “Randomised trial”',
      'Criterion “Randomised trial” now applies at full text',
      'Criterion “Adults” is now an exclusion criterion',
      'Retired criterion “Adults”',
      'Added inclusion criterion “New one”',
      'Deleted criterion “Gone”',
      'Reordered criteria',
    ]);
  });

  it('does not call a shift caused by adding or deleting a reordering', () => {
    const before = snap({ criteria: [criterion('a', 'A', 1), criterion('b', 'B', 2), criterion('c', 'C', 3)] });
    const after = snap({ criteria: [criterion('a', 'A', 1), criterion('c', 'C', 2)] });
    expect(diffSnapshots(before, after)).toEqual(['Deleted criterion “B”']);
  });

  it('reports reason links, retirement, order and priority', () => {
    const crit = criterion('x', 'No original data', 1, { kind: 'exclusion' });
    const before = snap({ criteria: [crit], reasons: [reason('r1', 'Wrong design', 1), reason('r2', 'Wrong population', 2)] });
    const after = snap({
      criteria: [crit],
      reasons: [reason('r2', 'Wrong population', 1, { priority: 2, isRetired: true }), reason('r1', 'No data', 2, { priority: 1, criterionId: 'x' })],
    });
    expect(diffSnapshots(before, after)).toEqual([
      'Retired exclusion reason “Wrong population”',
      'Renamed exclusion reason “Wrong design” to “No data”',
      'Linked exclusion reason “No data” to criterion “No original data”',
      'Reordered exclusion reasons',
    ]);
    const reprioritised = snap({ criteria: [crit], reasons: [reason('r1', 'Wrong design', 1, { priority: 2 }), reason('r2', 'Wrong population', 2, { priority: 1 })] });
    expect(diffSnapshots(before, reprioritised)).toEqual(['Changed the priority order of exclusion reasons']);
  });

  it('finds nothing between equal snapshots, and equality ignores the template marker', () => {
    const s = snap({ criteria: [criterion('a', 'A', 1)] });
    expect(diffSnapshots(s, structuredClone(s))).toEqual([]);
    expect(snapshotsEqual(s, { ...structuredClone(s), templateId: 'ketamine-neuroplasticity' })).toBe(true);
    expect(snapshotsEqual(s, snap())).toBe(false);
  });
});

describe('shortSummary', () => {
  it('keeps the first lines and counts the rest', () => {
    expect(shortSummary([])).toBe('No visible changes');
    expect(shortSummary(['a', 'b'])).toBe('a; b');
    expect(shortSummary(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c; and 2 more changes');
    expect(shortSummary(['a', 'b', 'c', 'd'])).toBe('a; b; c; and 1 more change');
  });
});
