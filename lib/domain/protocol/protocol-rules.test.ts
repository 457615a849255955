import { describe, expect, it } from 'vitest';
import { normalizeTerms, termsToText } from './highlight-terms';
import { criteriaWithoutReason } from './reasons-from-criteria';
import { registrationHints } from './registration-hints';
import { moveToPosition, renumber } from './reorder';
import { criterionDeletionProblem, criterionKindProblem, reasonChangeProblem, reasonDeletionProblem } from './rules';
import { screeningStartedWarning } from './screening-warning';

describe('moveToPosition and renumber', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves up, down, to the ends, and clamps out-of-range positions', () => {
    expect(moveToPosition(ids, 'c', 1)).toEqual(['c', 'a', 'b', 'd']);
    expect(moveToPosition(ids, 'a', 3)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveToPosition(ids, 'b', 4)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveToPosition(ids, 'b', 2)).toEqual(ids);
    expect(moveToPosition(ids, 'b', 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveToPosition(ids, 'c', 0)).toEqual(['c', 'a', 'b', 'd']);
    expect(() => moveToPosition(ids, 'z', 1)).toThrow();
  });
  it('renumbers only the rows whose number changes, closing gaps', () => {
    expect(renumber(['c', 'a', 'b', 'd'], new Map([['a', 1], ['b', 2], ['c', 3], ['d', 4]]))).toEqual([
      { id: 'c', position: 1 },
      { id: 'a', position: 2 },
      { id: 'b', position: 3 },
    ]);
    expect(renumber(['a', 'b'], new Map([['a', 2], ['b', 7]]))).toEqual([
      { id: 'a', position: 1 },
      { id: 'b', position: 2 },
    ]);
  });
});

describe('deletion and change rules', () => {
  it('deletes criteria only before screening', () => {
    expect(criterionDeletionProblem('Adults', 0)).toBeNull();
    expect(criterionDeletionProblem('Adults', 3)).toBe('Screening has started (3 decisions), so criteria are kept with the protocol versions they belong to. Retire “Adults” instead.');
  });
  it('keeps linked reasons pointing at exclusion criteria', () => {
    expect(criterionKindProblem('No data', 'inclusion', 1)).toMatch(/has exclusion reasons linked/);
    expect(criterionKindProblem('No data', 'inclusion', 0)).toBeNull();
    expect(criterionKindProblem('No data', 'exclusion', 2)).toBeNull();
  });
  it('refuses to delete a used reason or the built-in one', () => {
    expect(reasonDeletionProblem({ label: 'Wrong design', kind: 'standard' }, 0)).toBeNull();
    expect(reasonDeletionProblem({ label: 'Wrong design', kind: 'standard' }, 1)).toBe(
      '“Wrong design” was given in 1 decision, so it cannot be deleted. Retire it instead: those decisions keep it, and it is no longer offered.',
    );
    expect(reasonDeletionProblem({ label: 'Full text not retrievable', kind: 'not_retrieved' }, 0)).toMatch(/built in and cannot be deleted/);
  });
  it('protects the built-in reason from renaming, retiring, linking and reordering, not from a new description', () => {
    const system = { label: 'Full text not retrievable', kind: 'not_retrieved' as const };
    expect(reasonChangeProblem(system, { label: 'Not found' })).toMatch(/cannot be renamed/);
    expect(reasonChangeProblem(system, { label: 'Full text not retrievable' })).toBeNull();
    expect(reasonChangeProblem(system, { retired: true })).toMatch(/cannot be retired/);
    expect(reasonChangeProblem(system, { retired: false })).toBeNull();
    expect(reasonChangeProblem(system, { criterionId: 'x' })).toMatch(/linked/);
    expect(reasonChangeProblem(system, { priority: 1 })).toMatch(/reordered/);
    expect(reasonChangeProblem(system, {})).toBeNull();
    expect(reasonChangeProblem({ label: 'Any', kind: 'standard' }, { label: 'Other', retired: true, priority: 1 })).toBeNull();
  });
});

describe('criteriaWithoutReason', () => {
  it('picks active exclusion criteria with no linked reason and no reason of the same label, in order', () => {
    const c = (id: string, kind: 'inclusion' | 'exclusion', label: string, position: number, isRetired = false) => ({ id, kind, label, position, isRetired });
    const criteria = [c('e3', 'exclusion', 'Animal only', 3), c('i1', 'inclusion', 'Adults', 1), c('e2', 'exclusion', 'No data', 2), c('e4', 'exclusion', 'Old', 4, true), c('e5', 'exclusion', 'Review', 5)];
    const reasons = [{ label: 'Something', criterionId: 'e2' }, { label: 'review ', criterionId: null }];
    expect(criteriaWithoutReason(criteria, reasons).map((x) => x.id)).toEqual(['e3']);
  });
});

describe('registrationHints', () => {
  it('checks PROSPERO IDs gently', () => {
    expect(registrationHints({ registry: 'PROSPERO', registrationId: 'CRD42019123346' })).toEqual([]);
    expect(registrationHints({ registry: 'prospero', registrationId: 'CRD420251234567' })).toEqual([]);
    expect(registrationHints({ registry: 'PROSPERO', registrationId: '' })).toEqual([]);
    expect(registrationHints({ registry: 'PROSPERO', registrationId: 'CRD4201912' })).toEqual(['PROSPERO IDs look like CRD42019123346 (CRD followed by 11 or 12 digits); check “CRD4201912”.']);
    expect(registrationHints({ registry: '', registrationId: 'CRD42019123346' })).toEqual(['This looks like a PROSPERO ID: set the registry to PROSPERO.']);
    expect(registrationHints({ registry: 'OSF Registries', registrationId: '10.17605/OSF.IO/ABCDE' })).toEqual([]);
  });
});

describe('screeningStartedWarning', () => {
  it('is null before screening and names the count and versions after', () => {
    expect(screeningStartedWarning(0, [])).toBeNull();
    expect(screeningStartedWarning(1, [3])).toMatch(/^Screening has started: 1 decision was made under version 3\. /);
    expect(screeningStartedWarning(40, [2, 1, 3, 3])).toMatch(/^Screening has started: 40 decisions were made under versions 1, 2 and 3\. /);
  });
});

describe('normalizeTerms', () => {
  it('splits lines, trims, collapses spaces, drops blanks and case-insensitive repeats', () => {
    expect(normalizeTerms('ketamine\r\n  nerve   growth factor \n\nKetamine\nBDNF\n')).toEqual(['ketamine', 'nerve growth factor', 'BDNF']);
    expect(normalizeTerms(['a', ' A', 'b'])).toEqual(['a', 'b']);
    expect(termsToText(['a', 'b'])).toBe('a\nb');
  });
});
