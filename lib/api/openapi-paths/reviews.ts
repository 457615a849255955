/** OpenAPI paths for health, the current user, reviews and members. */
import { addMemberSchema, createReviewSchema, updateMemberSchema } from '../../schemas/review';
import { listOf, pagingParams, type Paths } from '../openapi-common';

const id = { type: 'string', format: 'uuid' };
const role = { type: 'string', enum: ['owner', 'reviewer', 'viewer'] };
const review = {
  type: 'object',
  properties: { id, title: { type: 'string' }, description: { type: 'string' }, role, memberCount: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' } },
};
const member = {
  type: 'object',
  properties: { id, userId: id, name: { type: 'string' }, email: { type: 'string' }, role, canAdjudicate: { type: 'boolean' }, joinedAt: { type: 'string', format: 'date-time' } },
};
const reviewId = { name: 'reviewId', in: 'path' as const, schema: id };

export const reviewPaths: Paths = {
  '/api/health': {
    get: {
      summary: 'Service and database health',
      tags: ['health'],
      auth: false,
      responses: {
        '200': {
          description: 'Up, database reachable',
          schema: {
            type: 'object',
            properties: {
              status: { const: 'ok' },
              database: { type: 'object', properties: { ok: { type: 'boolean' }, kind: { enum: ['pglite', 'postgres'] }, thread: { enum: ['worker', 'main'], description: 'Embedded database only: run in a worker thread of the server, or on its main thread (SIEVE_PGLITE_WORKER)' } } },
            },
          },
        },
        '503': { description: 'Database not reachable' },
      },
    },
  },
  '/api/v1': {
    get: { summary: 'API index: name, version and where this document is', tags: ['meta'], auth: false, responses: { '200': { description: 'Index', schema: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' }, openapi: { type: 'string' } } } } } },
  },
  '/api/v1/me': {
    get: { summary: 'The authenticated user', tags: ['account'], responses: { '200': { description: 'The user', schema: { type: 'object', properties: { id, email: { type: 'string' }, name: { type: 'string' } } } } } },
  },
  '/api/v1/reviews': {
    get: { summary: 'Reviews you are a member of', tags: ['reviews'], params: pagingParams, responses: { '200': { description: 'A page of reviews', schema: listOf(review) } } },
    post: { summary: 'Create a review (you become its owner)', tags: ['reviews'], body: createReviewSchema, responses: { '201': { description: 'The new review', schema: review } } },
  },
  '/api/v1/reviews/{reviewId}': {
    get: { summary: 'One review', tags: ['reviews'], params: [reviewId], responses: { '200': { description: 'The review', schema: review } } },
  },
  '/api/v1/reviews/{reviewId}/members': {
    get: { summary: 'Members of a review', tags: ['members'], params: [reviewId, ...pagingParams], responses: { '200': { description: 'A page of members', schema: listOf(member) } } },
    post: {
      summary: 'Add a colleague who has an account (owners only)',
      tags: ['members'],
      params: [reviewId],
      body: addMemberSchema,
      responses: { '201': { description: 'The new member', schema: member }, '409': { description: 'Already a member' } },
    },
  },
  '/api/v1/reviews/{reviewId}/members/{userId}': {
    patch: {
      summary: "Change a member's role or adjudicator right (owners only)",
      tags: ['members'],
      params: [reviewId, { name: 'userId', in: 'path', schema: id }],
      body: updateMemberSchema,
      responses: { '200': { description: 'The member', schema: member }, '409': { description: 'Would leave the review without an owner' } },
    },
    delete: {
      summary: 'Remove a member (owners only); their decisions stay attributed',
      tags: ['members'],
      params: [reviewId, { name: 'userId', in: 'path', schema: id }],
      responses: { '204': { description: 'Removed' }, '409': { description: 'Would leave the review without an owner' } },
    },
  },
  '/api/v1/openapi.json': {
    get: { summary: 'This document', tags: ['meta'], auth: false, responses: { '200': { description: 'OpenAPI 3.1 document' } } },
  },
};
