import { describe, expect, it } from 'vitest';
import { compileHighlighter } from '../highlight/highlight';
import { protocolSchema, criterionSchema } from '../../schemas/protocol';
import { criteriaWithoutReason } from './reasons-from-criteria';
import { registrationHints } from './registration-hints';
import { PROTOCOL_TEMPLATE_IDS, TEMPLATE_CHOICES } from './template-choices';
import { getProtocolTemplate } from './templates';
import { PROTOCOL_TEXT_FIELDS } from './types';

const ketamine = getProtocolTemplate('ketamine-neuroplasticity')!;

describe('protocol templates', () => {
  it('offers a choice for every id, "none" first and without contents', () => {
    expect(TEMPLATE_CHOICES.map((t) => t.id)).toEqual([...PROTOCOL_TEMPLATE_IDS]);
    expect(getProtocolTemplate('none')).toBeNull();
    expect(ketamine.name).toBe('Ketamine: rapid antidepressant effects and molecular neuroplasticity');
  });

  it('passes the same validation as a protocol saved by hand', () => {
    const parsed = protocolSchema.parse({ ...ketamine.fields, highlightInclude: ketamine.highlightInclude, highlightExclude: ketamine.highlightExclude });
    for (const f of PROTOCOL_TEXT_FIELDS) expect(parsed[f]).toBe(ketamine.fields[f]);
    // Already normalised: nothing dropped or merged.
    expect(parsed.highlightInclude).toEqual(ketamine.highlightInclude);
    expect(parsed.highlightExclude).toEqual(ketamine.highlightExclude);
    for (const c of ketamine.criteria) expect(criterionSchema.parse(c)).toEqual(c);
  });

  it('leaves the registration ID empty, says where the motivating review was registered, and that it is a starting point', () => {
    expect(ketamine.fields.registry).toBe('PROSPERO');
    expect(ketamine.fields.registrationId).toBe('');
    expect(ketamine.fields.notes).toContain('CRD42019123346');
    expect(ketamine.fields.notes).toMatch(/PubMed only/);
    expect(ketamine.fields.notes).toMatch(/editable starting point/);
    expect(ketamine.fields.notes).toMatch(/not the published protocol/);
    expect(registrationHints(ketamine.fields)).toEqual([]);
  });

  it('covers the PICOS elements the review needs', () => {
    expect(ketamine.fields.population).toMatch(/cell culture/i);
    expect(ketamine.fields.population).toMatch(/bipolar depression/);
    expect(ketamine.fields.intervention).toMatch(/esketamine.*arketamine.*\(2R,6R\)-hydroxynorketamine/s);
    expect(ketamine.fields.comparator).toMatch(/vehicle or placebo/i);
    for (const marker of ['BDNF', 'TrkB', 'mTOR', 'PSD-95', 'GluA1', 'synapsin', 'spine', 'neurogenesis']) expect(ketamine.fields.outcomes).toContain(marker);
    expect(ketamine.fields.studyDesigns).toMatch(/in vitro.*in vivo.*clinical/is);
  });

  it('has the candidate criteria, unique labels, and one reason per exclusion criterion', () => {
    const labels = ketamine.criteria.map((c) => c.label);
    expect(new Set(labels.map((l) => l.toLowerCase())).size).toBe(labels.length);
    expect(ketamine.criteria.filter((c) => c.kind === 'inclusion').map((c) => c.label)).toEqual([
      'Ketamine (or an enantiomer/metabolite) administered',
      'Depression-relevant model or patients',
      'Molecular/cellular neuroplasticity outcome',
      'Rapid (acute) timepoint (≤ 7 days after dosing)',
    ]);
    expect(labels).toEqual(expect.arrayContaining(['Review, commentary or editorial', 'No original data', 'No neuroplasticity outcome', 'Not ketamine or its enantiomers/metabolites', 'Non-depression model without depression-relevant outcome']));
    const criteria = ketamine.criteria.map((c, i) => ({ ...c, id: `c${i}`, position: i + 1, isRetired: false }));
    expect(criteriaWithoutReason(criteria, [])).toHaveLength(ketamine.criteria.filter((c) => c.kind === 'exclusion').length);
  });

  it('highlights what the review looks for', () => {
    const marked = compileHighlighter({ include: ketamine.highlightInclude, exclude: ketamine.highlightExclude })(
      'Arketamine and (2R,6R)-hydroxynorketamine increased synaptic BDNF in depressed rats: a review of anesthesia studies.',
    )
      .filter((s) => s.kind)
      .map((s) => `${s.kind}:${s.text}`);
    expect(marked).toEqual(['include:Arketamine', 'include:hydroxynorketamine', 'include:synaptic', 'include:BDNF', 'include:depressed', 'exclude:review', 'exclude:anesthesia']);
  });
});
