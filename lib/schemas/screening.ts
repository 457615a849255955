/** Screening input: stage names and decision values as the API spells them. */
import { z } from 'zod';

export const STAGES = ['title_abstract', 'full_text'] as const;
export const stageSchema = z.enum(STAGES, { message: 'stage must be title_abstract or full_text.' });
export const decisionValueSchema = z.enum(['include', 'exclude', 'maybe'], { message: 'decision must be include, exclude or maybe.' });

export const decisionInputSchema = z.object({
  stage: stageSchema,
  decision: decisionValueSchema,
  reasonId: z.string().uuid('reasonId must be the id of one of the review\'s exclusion reasons.').nullish(),
  note: z.string().max(5000, 'Keep notes under 5000 characters.').default(''),
  checklist: z.record(z.string(), z.enum(['met', 'not_met', 'unclear'])).nullish(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const stageQuerySchema = z.object({ stage: stageSchema.default('title_abstract') });

export const decisionsQuerySchema = z.object({
  stage: stageSchema.default('title_abstract'),
  reviewer: z.string().default('me'),
  decision: decisionValueSchema.optional(),
  // PostgreSQL text cannot hold NUL; the My decisions page's query string reaches this without the API's check.
  q: z.string().trim().max(200).regex(/^[^\u0000]*$/, 'Search text cannot contain a NUL character.').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
