/**
 * The OpenAPI document (GET /api/v1/openapi.json) documents every route file under app/api/v1
 * with each method it exports, so an endpoint added without documentation fails here. Route
 * folders map to paths as Next.js does: `[param]` becomes `{param}`; the `[...path]` catch-all
 * (the JSON 404 for unknown paths) is not an endpoint.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api-client';
import { exportedMethods, listRouteFiles, type HttpMethod, type RouteFile } from '../helpers/api-routes';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/factories';

useTestDatabase();

type Operation = { requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> }; parameters?: Array<{ name: string; in: string; required?: boolean }>; responses: Record<string, unknown> };
type Doc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components?: unknown };

let doc: Doc;
let routes: Array<RouteFile & { methods: HttpMethod[] }>;

beforeAll(async () => {
  const res = await call('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  doc = res.json;
  routes = [];
  for (const route of listRouteFiles('app/api/v1')) {
    if (route.isCatchAll) continue;
    const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
    routes.push({ ...route, methods: exportedMethods(mod) });
  }
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a title, a version and bearer security', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } });
  });

  it('is found by walking app/api/v1 (the walk itself sees the known endpoints)', () => {
    expect(routes.map((r) => r.openApiPath)).toEqual(
      expect.arrayContaining(['/api/v1/me', '/api/v1/reviews', '/api/v1/reviews/{reviewId}', '/api/v1/reviews/{reviewId}/members/{userId}']),
    );
    expect(routes.find((r) => r.openApiPath === '/api/v1/reviews/{reviewId}/members/{userId}')!.methods).toEqual(['PATCH', 'DELETE']);
  });

  it('documents every route file under app/api/v1 with each method it exports', () => {
    const undocumented = routes.flatMap((r) =>
      r.methods.filter((m) => !doc.paths[r.openApiPath]?.[m.toLowerCase()]).map((m) => `${m} ${r.openApiPath} (${r.relative})`),
    );
    expect(undocumented, 'describe these in lib/api/openapi-paths/*.ts').toEqual([]);
  });

  it('documents no /api/v1 operation that no route file serves', () => {
    const served = new Set(routes.flatMap((r) => r.methods.map((m) => `${m.toLowerCase()} ${r.openApiPath}`)));
    const phantom = operations()
      .filter((o) => o.path.startsWith('/api/v1/'))
      .map((o) => `${o.method} ${o.path}`)
      .filter((key) => !served.has(key));
    expect(phantom).toEqual([]);
  });

  it('declares every path parameter of every operation', () => {
    const problems: string[] = [];
    for (const { path, method, op } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      if (JSON.stringify(declared.map((p) => p.name).sort()) !== JSON.stringify(inPath)) problems.push(`${method} ${path}`);
      for (const p of declared) if (!p.required) problems.push(`${method} ${path}: ${p.name} not required`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every request body a JSON schema with properties', () => {
    const withBody = operations().filter((o) => o.op.requestBody);
    expect(withBody.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['patch /api/v1/reviews/{reviewId}/members/{userId}', 'post /api/v1/reviews', 'post /api/v1/reviews/{reviewId}/members']),
    );
    const problems: string[] = [];
    for (const { path, method, op } of withBody) {
      const contents = Object.entries(op.requestBody!.content);
      if (!contents.length) problems.push(`${method} ${path}: no content`);
      for (const [type, { schema }] of contents) {
        const properties = schema?.properties as object | undefined;
        if (schema?.type !== 'object' || !properties || !Object.keys(properties).length) problems.push(`${method} ${path} (${type}): schema without properties`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents a request body for every method whose handler reads one', async () => {
    // Handlers read the JSON body before the permission check, so a signed-in stranger sending
    // text/plain gets 400 from exactly those handlers that read a body.
    const { token } = await makeUser('openapi');
    const missing: string[] = [];
    const readsBody: string[] = [];
    for (const r of routes) {
      for (const method of r.methods.filter((m) => m !== 'GET')) {
        const path = r.openApiPath.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await call(method, path, { token, headers: { 'content-type': 'text/plain' }, rawBody: 'x' });
        if (res.status !== 400) continue;
        readsBody.push(`${method} ${r.openApiPath}`);
        if (!doc.paths[r.openApiPath]?.[method.toLowerCase()]?.requestBody) missing.push(`${method} ${r.openApiPath}`);
      }
    }
    // The probe works: the known body-reading methods were detected.
    expect(readsBody).toEqual(expect.arrayContaining(['POST /api/v1/reviews', 'POST /api/v1/reviews/{reviewId}/members', 'PATCH /api/v1/reviews/{reviewId}/members/{userId}']));
    expect(missing).toEqual([]);
  });
});
