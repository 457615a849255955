/** OpenAPI paths for full texts: attach a PDF or a link to a report sought, read it back, remove it. */
import type { Paths } from '../openapi-common';

const id = { type: 'string', format: 'uuid' };
const reviewId = { name: 'reviewId', in: 'path' as const, schema: id };
const recordId = { name: 'recordId', in: 'path' as const, schema: id };
const fullText = {
  type: 'object',
  properties: {
    recordId: id,
    file: {
      type: ['object', 'null'],
      properties: { name: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string' }, href: { type: 'string', description: 'GET it to read the PDF' } },
    },
    url: { type: ['string', 'null'] },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const fullTextPaths: Paths = {
  '/api/v1/reviews/{reviewId}/records/{recordId}/full-text': {
    post: {
      summary: 'Attach a full text (PDF or link) to a record that passed title/abstract (owners and reviewers)',
      description:
        'multipart/form-data with `file` (a PDF, recognised by its %PDF- header whatever its name; at most 50 MB, or SIEVE_MAX_UPLOAD_MB if smaller) ' +
        'and/or `url`; or JSON `{ "url": "https://..." }`. The record becomes a report sought for retrieval. A new PDF replaces the previous one.',
      tags: ['full text'],
      params: [reviewId, recordId],
      body: { contentType: 'multipart/form-data', schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, url: { type: 'string', format: 'uri' } } } },
      responses: {
        '201': { description: 'Attached', schema: fullText },
        '409': { description: 'The record has not passed title/abstract screening, or was removed' },
        '413': { description: 'The PDF is over the size limit' },
      },
    },
    get: {
      summary: 'The attached PDF (members of the review)',
      description: 'Answers application/pdf, shown inline. 404 when no PDF is attached (with `details.url` when only a link is).',
      tags: ['full text'],
      params: [reviewId, recordId],
      responses: { '200': { description: 'The PDF bytes (application/pdf)' } },
    },
    delete: {
      summary: 'Remove the attached PDF and/or link (owners and reviewers)',
      tags: ['full text'],
      params: [reviewId, recordId, { name: 'part', in: 'query', description: 'file, url or all (default)', schema: { type: 'string', enum: ['file', 'url', 'all'] } }],
      responses: { '200': { description: 'What remains attached', schema: fullText } },
    },
  },
};
