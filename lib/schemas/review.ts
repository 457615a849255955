/** Review and membership input, shared by forms, server actions and the JSON API. */
import { z } from 'zod';
import { PROTOCOL_TEMPLATE_IDS } from '../domain/protocol/template-choices';
import { emailSchema } from './account';

export const ROLES = ['owner', 'reviewer', 'viewer'] as const;
export const roleSchema = z.enum(ROLES, { message: 'Role must be owner, reviewer or viewer.' });

export const createReviewSchema = z.object({
  title: z.string().trim().min(3, 'Give the review a title of at least 3 characters.').max(300, 'Use at most 300 characters.'),
  description: z.string().trim().max(2000, 'Use at most 2000 characters.').default(''),
  // Optional rather than .default('none') so parsed input stays as sent; createReview reads a missing template as 'none'.
  template: z.enum(PROTOCOL_TEMPLATE_IDS, { message: `Choose a protocol template: ${PROTOCOL_TEMPLATE_IDS.join(' or ')}.` }).optional().describe('Protocol template to start from (default: none)'),
});
export type CreateReviewInput = z.infer<typeof createReviewSchema>;

export const addMemberSchema = z.object({
  email: emailSchema,
  role: roleSchema.default('reviewer'),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const updateMemberSchema = z.object({
  role: roleSchema.optional(),
  canAdjudicate: z.boolean().optional(),
});

export const pagingSchema = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(50),
  offset: z.coerce.number().int().min(0, 'offset must be 0 or more').default(0),
});
export type Paging = z.infer<typeof pagingSchema>;
