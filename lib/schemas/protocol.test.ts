import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { criterionPatchSchema, criterionSchema, exclusionReasonPatchSchema, exclusionReasonSchema, protocolSchema, protocolSectionSchemas } from './protocol';

/** The messages per field, as the form and the API's 422 show them. */
function messages(result: { success: boolean; error?: ZodError }) {
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of result.error!.issues) (out[i.path.join('.') || 'form'] ??= []).push(i.message);
  return out;
}

describe('protocolSchema', () => {
  it('fills left-out fields with empty values (PUT semantics) and trims', () => {
    const p = protocolSchema.parse({ question: '  Does it work?  ' });
    expect(p.question).toBe('Does it work?');
    expect(p.population).toBe('');
    expect(p.highlightInclude).toEqual([]);
  });

  it('takes highlight terms as lines (the form) or arrays (the API), normalised the same way', () => {
    const fromForm = protocolSectionSchemas.highlights.parse({ highlightInclude: 'ketamine\n\n BDNF \nketamine', highlightExclude: '' });
    const fromApi = protocolSchema.parse({ highlightInclude: ['ketamine', 'BDNF', 'Ketamine'] });
    expect(fromForm.highlightInclude).toEqual(['ketamine', 'BDNF']);
    expect(fromApi.highlightInclude).toEqual(['ketamine', 'BDNF']);
    expect(fromForm.highlightExclude).toEqual([]);
  });

  it('explains bad terms, URLs and lengths', () => {
    expect(messages(protocolSchema.safeParse({ highlightInclude: ['x'.repeat(101)], highlightExclude: ['*'], registrationUrl: 'crd.york.ac.uk', question: 'q'.repeat(2001) }))).toEqual({
      question: ['Use at most 2000 characters.'],
      registrationUrl: ['Enter a full web address starting with https://, or leave it empty.'],
      highlightInclude: ['Keep each term to 100 characters or fewer (“xxxxxxxxxxxxxxxxxxxxxxxx…” is longer).'],
      highlightExclude: ['“*” has no letters or digits to match.'],
    });
    expect(messages(protocolSchema.safeParse({ registrationUrl: 'javascript:alert(1)' }))).toHaveProperty('registrationUrl');
    expect(messages(protocolSchema.safeParse({ highlightInclude: 42 }))).toEqual({ highlightInclude: ['Send the inclusion terms as an array of strings, or one term per line.'] });
    expect(protocolSchema.parse({ registrationUrl: 'https://www.crd.york.ac.uk/prospero/display_record.php?RecordID=123346' }).registrationUrl).toMatch(/^https:/);
    expect(messages(protocolSchema.safeParse({ highlightInclude: Array.from({ length: 201 }, (_, i) => `t${i}`) }))).toEqual({ highlightInclude: ['Use at most 200 inclusion terms.'] });
  });

  it('does not block a registration ID that does not look like PROSPERO’s (that is a hint)', () => {
    expect(protocolSchema.safeParse({ registry: 'PROSPERO', registrationId: 'not-an-id' }).success).toBe(true);
  });

  it('gives each page section only its own fields', () => {
    expect(Object.keys(protocolSectionSchemas.question.shape).sort()).toEqual(['notes', 'question', 'registrationId', 'registrationUrl', 'registry']);
    expect(Object.keys(protocolSectionSchemas.picos.shape)).toHaveLength(8);
    const all = [...Object.keys(protocolSectionSchemas.question.shape), ...Object.keys(protocolSectionSchemas.picos.shape), ...Object.keys(protocolSectionSchemas.highlights.shape)];
    expect(all.sort()).toEqual(Object.keys(protocolSchema.shape).sort());
  });
});

describe('criterionSchema', () => {
  it('requires a short label, a kind and at least one stage', () => {
    expect(messages(criterionSchema.safeParse({ kind: 'maybe', label: '   ', stages: [] }))).toEqual({
      kind: ['Choose inclusion or exclusion.'],
      label: ['Give the criterion a short label.'],
      stages: ['Choose at least one stage it applies to.'],
    });
    expect(messages(criterionSchema.safeParse({ kind: 'inclusion', label: 'x'.repeat(121) }))).toEqual({ label: ['Keep the label to 120 characters or fewer; put the detail in the description.'] });
    expect(messages(criterionSchema.safeParse({ kind: 'inclusion', label: 'Adults', stages: ['abstract'] }))).toEqual({ 'stages.0': ['Stages are title_abstract and full_text.'] });
  });

  it('defaults to both stages and keeps them in workflow order, once each', () => {
    expect(criterionSchema.parse({ kind: 'exclusion', label: 'Review' })).toEqual({ kind: 'exclusion', label: 'Review', description: '', stages: ['title_abstract', 'full_text'] });
    expect(criterionSchema.parse({ kind: 'exclusion', label: 'Review', stages: ['full_text', 'title_abstract', 'full_text'] }).stages).toEqual(['title_abstract', 'full_text']);
  });

  it('PATCH needs one field and takes positions from 1', () => {
    expect(messages(criterionPatchSchema.safeParse({}))).toEqual({ form: ['Send at least one field to change.'] });
    expect(messages(criterionPatchSchema.safeParse({ position: 0 }))).toEqual({ position: ['Positions start at 1.'] });
    expect(messages(criterionPatchSchema.safeParse({ position: 1.5 }))).toEqual({ position: ['Send a whole number (1 is first).'] });
    expect(criterionPatchSchema.parse({ retired: true })).toEqual({ retired: true });
  });
});

describe('exclusionReasonSchema', () => {
  it('treats the form’s empty criterion as none and checks ids', () => {
    expect(exclusionReasonSchema.parse({ label: 'Wrong design', criterionId: '' })).toEqual({ label: 'Wrong design', description: '', criterionId: null });
    expect(messages(exclusionReasonSchema.safeParse({ label: '', criterionId: 'abc' }))).toEqual({
      label: ['Give the reason a short label.'],
      criterionId: ['Choose one of this review’s exclusion criteria.'],
    });
  });

  it('PATCH can unlink (null), reprioritise and retire', () => {
    expect(exclusionReasonPatchSchema.parse({ criterionId: null, priority: 2, retired: false })).toEqual({ criterionId: null, priority: 2, retired: false });
    expect(exclusionReasonPatchSchema.safeParse({ priority: -1 }).success).toBe(false);
  });
});
