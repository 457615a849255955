/**
 * The OpenAPI 3.1 document for /api/v1, built from the same zod schemas the handlers parse with
 * (zod 4's toJSONSchema), so request bodies cannot drift from what the server accepts. Each
 * feature adds its paths in lib/api/openapi-paths/*.ts.
 */
import { z } from 'zod';
import { errorSchema, type Operation, type Paths } from './openapi-common';
import { dualScreeningPaths } from './openapi-paths/dual-screening';
import { fullTextPaths } from './openapi-paths/full-text';
import { identificationPaths } from './openapi-paths/identification';
import { protocolPaths } from './openapi-paths/protocol';
import { reviewPaths } from './openapi-paths/reviews';
import { screeningPaths } from './openapi-paths/screening';

function toOperation(op: Operation) {
  const isZod = op.body && op.body instanceof z.ZodType;
  const responses: Record<string, object> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = r.schema ? { description: r.description, content: { 'application/json': { schema: r.schema } } } : { description: r.description };
  }
  const errors: Record<string, string> = op.auth === false ? {} : { '401': 'Missing or invalid token', '403': 'Role too low in this review', '404': 'Not found, or not a member' };
  for (const [status, description] of Object.entries({ ...errors, '400': 'Malformed request', '422': 'Invalid input' })) {
    responses[status] ??= { description, content: { 'application/json': { schema: errorSchema } } };
  }
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    ...(op.auth === false ? { security: [] } : {}),
    ...(op.params?.length ? { parameters: op.params.map((p) => ({ required: p.in === 'path', ...p, schema: p.schema ?? { type: 'string' } })) } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: isZod
              ? { 'application/json': { schema: z.toJSONSchema(op.body as z.ZodType, { io: 'input', unrepresentable: 'any' }) } }
              : { [(op.body as { contentType: string }).contentType]: { schema: (op.body as { schema: object }).schema } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(pathGroups: Paths[] = [reviewPaths, protocolPaths, identificationPaths, screeningPaths, fullTextPaths, dualScreeningPaths]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const group of pathGroups) {
    for (const [path, ops] of Object.entries(group)) {
      paths[path] ??= {};
      for (const [method, op] of Object.entries(ops)) paths[path][method] = toOperation(op as Operation);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sieve API',
      version: '1',
      description:
        'Automation API for Sieve, the systematic-review screening workbench. Authenticate with `Authorization: Bearer <token>` ' +
        '(create tokens under Account > API tokens, or `npm run sieve -- tokens:create`). Errors are `{ "error": { "code", "message", "details"? } }`. ' +
        'Lists are `{ items, total, limit, offset }`. Non-members of a review get 404, so a review\'s existence is never revealed.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
