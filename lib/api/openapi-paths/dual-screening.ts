/** OpenAPI paths for dual screening: stage settings, conflicts, resolutions, discussion, assignments, agreement, audit. */
import { assignmentSchema, commentSchema, resolutionSchema, stageSettingsSchema } from '../../schemas/dual-screening';
import { listOf, pagingParams, type Paths } from '../openapi-common';

const id = { type: 'string', format: 'uuid' };
const reviewId = { name: 'reviewId', in: 'path' as const, schema: id };
const recordId = { name: 'recordId', in: 'path' as const, schema: id };
const stageEnum = { type: 'string', enum: ['title_abstract', 'full_text'] };
const stageQuery = { name: 'stage', in: 'query' as const, description: 'title_abstract (default) or full_text', schema: stageEnum };
const setting = { type: 'object', properties: { stage: stageEnum, requiredDecisions: { type: 'integer' }, isBlinded: { type: 'boolean' }, hasChecklist: { type: 'boolean' }, unblindedAt: { type: ['string', 'null'] } } };
const conflictItem = {
  type: 'object',
  properties: {
    recordId: id, stage: stageEnum, record: { type: 'object' },
    decisions: { type: 'array', items: { type: 'object', properties: { reviewerId: id, reviewerName: { type: 'string' }, decision: { type: 'string' }, reasonId: { type: ['string', 'null'] }, reasonLabel: { type: ['string', 'null'] }, note: { type: 'string' } } } },
    resolution: { type: ['object', 'null'] }, comments: { type: 'integer' },
  },
};
const csvOr = (description: string, schema: object) => ({ '200': { description: `${description} (text/csv with format=csv)`, schema } });

export const dualScreeningPaths: Paths = {
  '/api/v1/reviews/{reviewId}/stages': {
    get: { summary: 'Stage settings: decisions required per record, blinding, checklist', tags: ['dual screening'], params: [reviewId], responses: { '200': { description: 'Both stages', schema: { type: 'object', properties: { items: { type: 'array', items: setting } } } } } },
  },
  '/api/v1/reviews/{reviewId}/stages/{stage}': {
    patch: {
      summary: 'Change a stage’s settings (owners); unblinding is logged',
      description: 'Changing requiredDecisions re-derives every record’s state at the stage.',
      tags: ['dual screening'],
      params: [reviewId, { name: 'stage', in: 'path', schema: stageEnum }],
      body: stageSettingsSchema,
      responses: { '200': { description: 'The new settings', schema: setting } },
    },
  },
  '/api/v1/reviews/{reviewId}/conflicts': {
    get: {
      summary: 'Records whose decisions disagree (adjudicators)',
      tags: ['dual screening'],
      params: [reviewId, stageQuery, { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'resolved'] } }, ...pagingParams],
      responses: { '200': { description: 'A page of conflicts with both decisions side by side', schema: listOf(conflictItem) } },
    },
  },
  '/api/v1/reviews/{reviewId}/records/{recordId}/resolution': {
    post: {
      summary: 'Settle a conflict (adjudicators): the final decision and, at full text, the reason',
      description: 'The original decisions are kept; agreement statistics do not change. Resolving again replaces the resolution (logged with before/after).',
      tags: ['dual screening'],
      params: [reviewId, recordId],
      body: resolutionSchema,
      responses: { '201': { description: 'The resolution and the record’s new outcome', schema: { type: 'object', properties: { id, decision: { type: 'string' }, reasonId: { type: ['string', 'null'] }, outcome: { type: 'string' } } } }, '409': { description: 'No disagreement to resolve' } },
    },
  },
  '/api/v1/reviews/{reviewId}/records/{recordId}/comments': {
    get: { summary: 'Discussion of a conflict (adjudicators)', tags: ['dual screening'], params: [reviewId, recordId, stageQuery], responses: { '200': { description: 'Comments, oldest first', schema: listOf({ type: 'object' }) } } },
    post: { summary: 'Add to the discussion of a conflict (adjudicators)', tags: ['dual screening'], params: [reviewId, recordId], body: commentSchema, responses: { '201': { description: 'The comment', schema: { type: 'object', properties: { id, body: { type: 'string' } } } } } },
  },
  '/api/v1/reviews/{reviewId}/assignments': {
    get: { summary: 'How many records are reserved for each reviewer at a stage (owners)', tags: ['dual screening'], params: [reviewId, stageQuery], responses: { '200': { description: 'Counts per reviewer', schema: listOf({ type: 'object', properties: { reviewerId: id, records: { type: 'integer' } } }) } } },
    post: { summary: 'Reserve records for a named reviewer (owners)', tags: ['dual screening'], params: [reviewId], body: assignmentSchema, responses: { '201': { description: 'How many were assigned', schema: { type: 'object', properties: { assigned: { type: 'integer' } } } } } },
  },
  '/api/v1/reviews/{reviewId}/agreement': {
    get: {
      summary: 'Cohen’s kappa and percent agreement, overall and per reviewer pair',
      description: 'Adjudicators while the stage is blinded; reviewers once unblinded. kappa is null with a reason when undefined (expected agreement 1).',
      tags: ['dual screening'],
      params: [reviewId, stageQuery, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } }],
      responses: csvOr('Agreement', { type: 'object', properties: { overall: { type: 'object' }, pairs: { type: 'array', items: { type: 'object' } } } }),
    },
  },
  '/api/v1/reviews/{reviewId}/audit': {
    get: {
      summary: 'The append-only audit trail (owners); decisions at blinded stages are redacted',
      tags: ['dual screening'],
      params: [reviewId, { name: 'action', in: 'query', description: 'Action prefix, e.g. decision. or member.' }, { name: 'order', in: 'query', description: 'asc (oldest first, default) or desc', schema: { type: 'string', enum: ['asc', 'desc'] } }, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } }, ...pagingParams],
      responses: csvOr('Events, oldest first', listOf({ type: 'object', properties: { id: { type: 'string' }, action: { type: 'string' }, actorName: { type: ['string', 'null'] }, before: {}, after: {}, createdAt: { type: 'string' } } })),
    },
  },
};
