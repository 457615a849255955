/** Input for stage settings, conflict resolution, discussion, assignment and the audit trail. */
import { z } from 'zod';
import { stageSchema } from './screening';

export const stageSettingsSchema = z
  .object({
    requiredDecisions: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'requiredDecisions must be 1, 2 or 3.' }).optional(),
    isBlinded: z.boolean({ message: 'isBlinded must be true or false.' }).optional(),
    hasChecklist: z.boolean({ message: 'hasChecklist must be true or false.' }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of requiredDecisions, isBlinded, hasChecklist.');
export type StageSettingsInput = z.infer<typeof stageSettingsSchema>;

export const resolutionSchema = z.object({
  stage: stageSchema,
  decision: z.enum(['include', 'exclude'], { message: 'The final decision is include or exclude.' }),
  reasonId: z.string().uuid('reasonId must be the id of one of the review\'s exclusion reasons.').nullish(),
  note: z.string().max(5000).default(''),
});
export type ResolutionInput = z.infer<typeof resolutionSchema>;

export const commentSchema = z.object({
  stage: stageSchema,
  body: z.string().trim().min(1, 'Write a comment.').max(5000, 'Keep comments under 5000 characters.'),
});

export const assignmentSchema = z.object({
  stage: stageSchema,
  reviewerId: z.string().uuid('reviewerId must be a member\'s id.'),
  recordIds: z.array(z.string().uuid()).max(10_000).optional(),
  /** Assign this many of the unassigned records still needing decisions, in queue order. */
  count: z.number().int().min(1).max(10_000).optional(),
}).refine((v) => (v.recordIds?.length ?? 0) > 0 || v.count, 'Give recordIds or count.');

export const auditQuerySchema = z.object({
  action: z.string().trim().max(100).optional(),
  order: z.enum(['asc', 'desc'], { message: 'order must be asc or desc.' }).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
