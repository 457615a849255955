/** OpenAPI paths for the protocol: its fields and highlight terms, versions, criteria and exclusion reasons. */
import { PROTOCOL_TEXT_FIELDS } from '../../domain/protocol/types';
import { criterionPatchSchema, criterionSchema, exclusionReasonPatchSchema, exclusionReasonSchema, protocolSchema } from '../../schemas/protocol';
import { listOf, pagingParams, type Paths } from '../openapi-common';

const id = { type: 'string', format: 'uuid' };
const str = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const strings = { type: 'array', items: str };
const stages = { type: 'array', items: { type: 'string', enum: ['title_abstract', 'full_text'] } };
const reviewId = { name: 'reviewId', in: 'path' as const, schema: id };
const criterionId = { name: 'criterionId', in: 'path' as const, schema: id };
const reasonId = { name: 'reasonId', in: 'path' as const, schema: id };

const criterion = {
  type: 'object',
  properties: {
    id,
    kind: { type: 'string', enum: ['inclusion', 'exclusion'] },
    label: str,
    description: str,
    stages,
    position: { type: 'integer', description: '1 is first; retired criteria keep their place' },
    isRetired: { type: 'boolean' },
    retiredAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: dateTime,
  },
};
const reason = {
  type: 'object',
  properties: {
    id,
    kind: { type: 'string', enum: ['standard', 'not_retrieved'], description: 'not_retrieved is the built-in "Full text not retrievable" reason, counted apart in PRISMA as reports not retrieved' },
    label: str,
    description: str,
    position: { type: 'integer', description: 'Order on the full-text form, 1 is first (0 for not_retrieved)' },
    priority: { type: 'integer', description: 'Reporting order agreed by the team, 1 is first (0 for not_retrieved)' },
    criterionId: { type: ['string', 'null'], format: 'uuid' },
    isRetired: { type: 'boolean' },
    retiredAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: dateTime,
    usedCount: { type: 'integer', description: 'Decisions and resolutions that gave this reason; a used reason can only be retired' },
  },
};
const protocol = {
  type: 'object',
  properties: {
    reviewId: id,
    version: { type: 'integer', description: 'Bumped by every saved change; decisions record the version they were made under' },
    updatedAt: dateTime,
    ...Object.fromEntries(PROTOCOL_TEXT_FIELDS.map((f) => [f, str])),
    highlightInclude: strings,
    highlightExclude: strings,
    criteria: { type: 'array', items: criterion },
    exclusionReasons: { type: 'array', items: reason },
    decisionsCount: { type: 'integer', description: 'Decisions in the review; above 0, changing criteria or reasons deserves a warning' },
    decisionVersions: { type: 'array', items: { type: 'integer' }, description: 'Protocol versions the current decisions were made under' },
    screeningWarning: { type: ['string', 'null'], description: 'The warning to show before changing criteria or reasons once screening has started' },
    hints: { ...strings, description: 'Non-blocking hints on the registration fields (e.g. PROSPERO ID format)' },
  },
};
const version = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    createdAt: dateTime,
    createdBy: { type: 'object', properties: { id, name: str } },
    changes: { ...strings, description: 'What changed since the previous version, one line per change' },
  },
};

export const protocolPaths: Paths = {
  '/api/v1/reviews/{reviewId}/protocol': {
    get: { summary: 'The protocol: fields, highlight terms, criteria, exclusion reasons and screening status', tags: ['protocol'], params: [reviewId], responses: { '200': { description: 'The protocol', schema: protocol } } },
    put: {
      summary: 'Replace the protocol fields and highlight terms (owners only)',
      description: 'Fields left out are saved empty. Highlight terms are arrays (or one term per line); blanks and repeats are dropped. A save that changes something bumps the version.',
      tags: ['protocol'],
      params: [reviewId],
      body: protocolSchema,
      responses: { '200': { description: 'The protocol after saving', schema: protocol } },
    },
  },
  '/api/v1/reviews/{reviewId}/protocol/versions': {
    get: { summary: 'Protocol versions, newest first, with who, when and what changed', tags: ['protocol'], params: [reviewId, ...pagingParams], responses: { '200': { description: 'A page of versions', schema: listOf(version) } } },
  },
  '/api/v1/reviews/{reviewId}/protocol/versions/{version}': {
    get: {
      summary: 'One protocol version with its full snapshot',
      tags: ['protocol'],
      params: [reviewId, { name: 'version', in: 'path', schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': { description: 'The version', schema: { ...version, properties: { ...version.properties, snapshot: { type: 'object' } } } } },
    },
  },
  '/api/v1/reviews/{reviewId}/criteria': {
    get: { summary: 'Eligibility criteria in order (retired ones included)', tags: ['protocol'], params: [reviewId, ...pagingParams], responses: { '200': { description: 'A page of criteria', schema: listOf(criterion) } } },
    post: {
      summary: 'Add a criterion at the end of the list (owners only)',
      tags: ['protocol'],
      params: [reviewId],
      body: criterionSchema,
      responses: { '201': { description: 'The new criterion', schema: criterion }, '409': { description: 'A criterion with this label exists' } },
    },
  },
  '/api/v1/reviews/{reviewId}/criteria/{criterionId}': {
    patch: {
      summary: 'Edit, move (position: others shift) or retire/restore a criterion (owners only)',
      tags: ['protocol'],
      params: [reviewId, criterionId],
      body: criterionPatchSchema,
      responses: { '200': { description: 'The criterion', schema: criterion }, '409': { description: 'Label taken, or an inclusion kind while reasons link to it' } },
    },
    delete: {
      summary: 'Delete a criterion while no decision exists in the review (owners only)',
      tags: ['protocol'],
      params: [reviewId, criterionId],
      responses: { '204': { description: 'Deleted' }, '409': { description: 'Screening has started: retire it instead' } },
    },
  },
  '/api/v1/reviews/{reviewId}/exclusion-reasons': {
    get: {
      summary: 'Full-text exclusion reasons in order, the built-in "not retrievable" reason first',
      tags: ['protocol'],
      params: [reviewId, ...pagingParams],
      responses: { '200': { description: 'A page of reasons', schema: listOf(reason) } },
    },
    post: {
      summary: 'Add an exclusion reason at the end of the order and priority lists (owners only)',
      tags: ['protocol'],
      params: [reviewId],
      body: exclusionReasonSchema,
      responses: { '201': { description: 'The new reason', schema: reason }, '409': { description: 'A reason with this label exists' } },
    },
  },
  '/api/v1/reviews/{reviewId}/exclusion-reasons/from-criteria': {
    post: {
      summary: 'Create one reason per exclusion criterion that has none (owners only)',
      tags: ['protocol'],
      params: [reviewId],
      responses: { '201': { description: 'The reasons created', schema: listOf(reason) }, '200': { description: 'Nothing to create', schema: listOf(reason) } },
    },
  },
  '/api/v1/reviews/{reviewId}/exclusion-reasons/{reasonId}': {
    patch: {
      summary: 'Rename, describe, link, move, reprioritise or retire/restore a reason (owners only)',
      tags: ['protocol'],
      params: [reviewId, reasonId],
      body: exclusionReasonPatchSchema,
      responses: { '200': { description: 'The reason', schema: reason }, '409': { description: 'Label taken, or a change the built-in "not retrievable" reason does not allow' } },
    },
    delete: {
      summary: 'Delete an unused reason (owners only)',
      tags: ['protocol'],
      params: [reviewId, reasonId],
      responses: { '204': { description: 'Deleted' }, '409': { description: 'Used by a decision or resolution (retire it instead), or the built-in reason' } },
    },
  },
};
