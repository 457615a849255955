/**
 * Protocol input, shared by the protocol page's forms (react-hook-form + zodResolver), its server
 * actions and the JSON API, so a message the browser shows is the message the server returns.
 */
import { z } from 'zod';
import { parseTerm } from '../domain/highlight/highlight';
import { MAX_TERM_LENGTH, MAX_TERMS_PER_LIST, normalizeTerms } from '../domain/protocol/highlight-terms';
import { CRITERION_KINDS, STAGES } from '../domain/protocol/types';

const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);

/** Empty, or an http(s) address with a dotted host name. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** One term per line (the form's textarea) or an array (the API); normalised either way. */
function termsSchema(kind: 'inclusion' | 'exclusion') {
  return z
    .union([z.string(), z.array(z.string())], { message: `Send the ${kind} terms as an array of strings, or one term per line.` })
    .transform((v) => normalizeTerms(v))
    .pipe(
      z
        .array(z.string())
        .max(MAX_TERMS_PER_LIST, `Use at most ${MAX_TERMS_PER_LIST} ${kind} terms.`)
        .superRefine((terms, ctx) => {
          const long = terms.find((t) => t.length > MAX_TERM_LENGTH);
          if (long) ctx.addIssue({ code: 'custom', message: `Keep each term to ${MAX_TERM_LENGTH} characters or fewer (“${long.slice(0, 24)}…” is longer).` });
          const empty = terms.find((t) => parseTerm(t).length === 0);
          if (empty) ctx.addIssue({ code: 'custom', message: `“${empty}” has no letters or digits to match.` });
        }),
    );
}

const fieldShape = {
  question: text(2000).default(''),
  registry: text(100).default(''),
  registrationId: text(100).default(''),
  registrationUrl: text(500)
    .refine((v) => v === '' || isWebAddress(v), 'Enter a full web address starting with https://, or leave it empty.')
    .default(''),
  population: text(5000).default(''),
  intervention: text(5000).default(''),
  comparator: text(5000).default(''),
  outcomes: text(5000).default(''),
  studyDesigns: text(5000).default(''),
  setting: text(2000).default(''),
  languages: text(500).default(''),
  dateLimits: text(500).default(''),
  notes: text(10000).default(''),
  highlightInclude: termsSchema('inclusion').default([]),
  highlightExclude: termsSchema('exclusion').default([]),
};

/** PUT /protocol: the whole protocol; a field left out is saved empty. */
export const protocolSchema = z.object(fieldShape);
export type ProtocolInput = z.input<typeof protocolSchema>;
export type ProtocolData = z.output<typeof protocolSchema>;

/** The protocol page saves one section at a time; each form uses its slice of the schema. */
export const protocolSectionSchemas = {
  question: protocolSchema.pick({ question: true, registry: true, registrationId: true, registrationUrl: true, notes: true }),
  picos: protocolSchema.pick({ population: true, intervention: true, comparator: true, outcomes: true, studyDesigns: true, setting: true, languages: true, dateLimits: true }),
  highlights: protocolSchema.pick({ highlightInclude: true, highlightExclude: true }),
};
export type ProtocolSection = keyof typeof protocolSectionSchemas;
export const PROTOCOL_SECTIONS = Object.keys(protocolSectionSchemas) as ProtocolSection[];

const stageSchema = z.enum(STAGES, { message: 'Stages are title_abstract and full_text.' });
const stagesSchema = z
  .array(stageSchema, { message: 'Choose the stages as a list.' })
  .min(1, 'Choose at least one stage it applies to.')
  .transform((stages) => STAGES.filter((s) => stages.includes(s)));

const labelSchema = (what: string) =>
  z.string({ message: `Give the ${what} a short label.` }).trim().min(1, `Give the ${what} a short label.`).max(120, 'Keep the label to 120 characters or fewer; put the detail in the description.');
const descriptionSchema = text(2000);
const positionSchema = z.number({ message: 'Send a whole number (1 is first).' }).int('Send a whole number (1 is first).').min(1, 'Positions start at 1.');

const nonEmpty = (v: object) => Object.values(v).some((x) => x !== undefined);
const NOTHING = { message: 'Send at least one field to change.' };

/** Adding or editing a criterion in the form; POST /criteria. */
export const criterionSchema = z.object({
  kind: z.enum(CRITERION_KINDS, { message: 'Choose inclusion or exclusion.' }),
  label: labelSchema('criterion'),
  description: descriptionSchema.default(''),
  stages: stagesSchema.default([...STAGES]),
});
export type CriterionInput = z.input<typeof criterionSchema>;
export type CriterionData = z.output<typeof criterionSchema>;

/** PATCH /criteria/{id}: any of the fields, a new position (others shift), or retired true/false. */
export const criterionPatchSchema = z
  .object({
    kind: criterionSchema.shape.kind.optional(),
    label: labelSchema('criterion').optional(),
    description: descriptionSchema.optional(),
    stages: stagesSchema.optional(),
    position: positionSchema.optional(),
    retired: z.boolean({ message: 'retired is true or false.' }).optional(),
  })
  .refine(nonEmpty, NOTHING);
export type CriterionPatch = z.output<typeof criterionPatchSchema>;

// A criterion id, or nothing: the form's select sends '' for "no criterion".
const criterionIdSchema = z
  .union([z.uuid({ message: 'Choose one of this review’s exclusion criteria.' }), z.literal(''), z.null()], { message: 'Choose one of this review’s exclusion criteria.' })
  .transform((v) => v || null);

/** Adding or editing an exclusion reason in the form; POST /exclusion-reasons. */
export const exclusionReasonSchema = z.object({
  label: labelSchema('reason'),
  description: descriptionSchema.default(''),
  criterionId: criterionIdSchema.default(null),
});
export type ExclusionReasonInput = z.input<typeof exclusionReasonSchema>;
export type ExclusionReasonData = z.output<typeof exclusionReasonSchema>;

/** PATCH /exclusion-reasons/{id}: rename, describe, link, reorder, reprioritise, retire or restore. */
export const exclusionReasonPatchSchema = z
  .object({
    label: labelSchema('reason').optional(),
    description: descriptionSchema.optional(),
    criterionId: criterionIdSchema.optional(),
    position: positionSchema.optional(),
    priority: positionSchema.optional(),
    retired: z.boolean({ message: 'retired is true or false.' }).optional(),
  })
  .refine(nonEmpty, NOTHING);
export type ExclusionReasonPatch = z.output<typeof exclusionReasonPatchSchema>;
