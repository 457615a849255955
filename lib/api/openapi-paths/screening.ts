/** OpenAPI paths for screening: the next record, decisions, progress. */
import { decisionInputSchema } from '../../schemas/screening';
import { listOf, pagingParams, type Paths } from '../openapi-common';

const id = { type: 'string', format: 'uuid' };
const reviewId = { name: 'reviewId', in: 'path' as const, schema: id };
const recordId = { name: 'recordId', in: 'path' as const, schema: id };
const stage = { name: 'stage', in: 'query' as const, description: 'title_abstract (default) or full_text', schema: { type: 'string', enum: ['title_abstract', 'full_text'] } };
const record = {
  type: 'object',
  properties: {
    id, title: { type: 'string' }, abstract: { type: 'string', description: 'Structured sections as "LABEL: text" paragraphs separated by blank lines' },
    authors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, family: { type: 'string' }, given: { type: 'string' }, isCollective: { type: 'boolean' } } } },
    year: { type: ['integer', 'null'] }, journal: { type: ['string', 'null'] }, pmid: { type: ['string', 'null'] }, doi: { type: ['string', 'null'] },
    keywords: { type: 'array', items: { type: 'string' } }, meshTerms: { type: 'array', items: { type: 'string' } },
  },
};
const decision = {
  type: 'object',
  properties: {
    id, recordId: id, stage: { type: 'string' }, reviewerId: id, decision: { type: 'string', enum: ['include', 'exclude', 'maybe'] },
    reasonId: { type: ['string', 'null'] }, note: { type: 'string' }, protocolVersion: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  },
};

export const screeningPaths: Paths = {
  '/api/v1/reviews/{reviewId}/screening/next': {
    get: {
      summary: "The calling reviewer's next record at a stage",
      description: 'Order: records assigned to you, then records waiting for their last decisions, then the most relevant (once the ranking model has scored them), then import order. The record served is reserved for you for 15 minutes, so reviewers asking at the same moment get different records (with two decisions required, two reviewers share each record); asking again releases what you were given unless you list it in `skip` (comma-separated record ids your screen still holds, e.g. to prefetch the one after the current). Deciding a record ends its reservation.',
      tags: ['screening'],
      params: [reviewId, stage, { name: 'skip', in: 'query', description: 'Comma-separated record ids to pass over' }],
      responses: { '200': { description: 'The record', schema: { type: 'object', properties: { record } } }, '204': { description: 'Nothing left for you at this stage' } },
    },
  },
  '/api/v1/reviews/{reviewId}/screening/progress': {
    get: {
      summary: 'Your progress at a stage: total, screened by you, still needed from you',
      tags: ['screening'],
      params: [reviewId, stage],
      responses: { '200': { description: 'Progress', schema: { type: 'object', properties: { total: { type: 'integer' }, screenedByMe: { type: 'integer' }, neededFromMe: { type: 'integer' }, requiredDecisions: { type: 'integer' }, isBlinded: { type: 'boolean' } } } } },
    },
  },
  '/api/v1/reviews/{reviewId}/records/{recordId}/decisions': {
    post: {
      summary: 'Record or change your decision on a record (reviewers and owners)',
      description: 'Full-text exclusions need `reasonId`. Resubmitting the same decision returns 200 with effect "unchanged". A record merged as a duplicate is refused with 409 naming its survivor.',
      tags: ['screening'],
      params: [reviewId, recordId],
      body: decisionInputSchema,
      responses: { '201': { description: 'Decision stored', schema: decision }, '200': { description: 'Decision changed or unchanged', schema: decision }, '409': { description: 'Record already has the decisions it needs, was merged, or is not at this stage' } },
    },
    delete: {
      summary: 'Withdraw your decision (undo)',
      tags: ['screening'],
      params: [reviewId, recordId, stage],
      responses: { '204': { description: 'Withdrawn' }, '409': { description: 'Already adjudicated' } },
    },
  },
  '/api/v1/reviews/{reviewId}/decisions': {
    get: {
      summary: 'Decisions at a stage (your own while the stage is blinded)',
      tags: ['screening'],
      params: [reviewId, stage, { name: 'reviewer', in: 'query', description: '"me" (default); "all" or a member id once unblinded' }, { name: 'decision', in: 'query', schema: { type: 'string', enum: ['include', 'exclude', 'maybe'] } }, { name: 'q', in: 'query', description: 'Text in the record title' }, ...pagingParams],
      responses: { '200': { description: 'A page of decisions', schema: listOf(decision) } },
    },
  },
};
