/**
 * Calls the App Router route handlers in-process, as Next.js would: finds the route file for a
 * path (tests/helpers/api-routes.ts), builds a Request, passes params as a promise. The handlers
 * use the database that useTestDatabase() installed. Every response is kept in `responseLog`
 * so a test file can check all of them at once (for example, that no error leaks a stack trace).
 */
import { NextRequest } from 'next/server';
import { expect } from 'vitest';
import { listRouteFiles, matchRoute, type HttpMethod } from './api-routes';

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Serialised as JSON with Content-Type: application/json. */
  body?: unknown;
  /** Sent as is, with no Content-Type unless `headers` sets one. */
  rawBody?: string;
  /** Sent as multipart/form-data (the Request sets the boundary). */
  form?: FormData;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when empty or not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
}

export const responseLog: ApiResponse[] = [];

const routes = listRouteFiles('app/api');
type Handler = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response> | Response;

export async function call(method: HttpMethod, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const url = new URL(path, 'http://test');
  const match = matchRoute(routes, url.pathname);
  if (!match) throw new Error(`No route file under app/api serves ${url.pathname}`);
  const mod = (await import(/* @vite-ignore */ match.route.file)) as Record<string, unknown>;
  const handler = mod[method] as Handler | undefined;
  // Next.js would answer 405 here; a test asking for it is almost certainly a typo.
  if (typeof handler !== 'function') throw new Error(`${match.route.relative} exports no ${method} handler`);

  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  // Bytes, so the Request adds no Content-Type of its own (a string body would get text/plain).
  let body: BodyInit | undefined = options.rawBody === undefined ? undefined : new TextEncoder().encode(options.rawBody);
  if (options.form) body = options.form;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  // Next.js hands route handlers a NextRequest (next-auth reads its nextUrl).
  const request = new NextRequest(url, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(match.params) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const result: ApiResponse = { method, path, status: response.status, headers: response.headers, text, json };
  responseLog.push(result);
  return result;
}

/** Lines of a JavaScript stack trace, or source file paths, in a response body. */
export function stackTraceLeaks(text: string): string[] {
  const patterns = [/^\s*at\s+\S+/m, /\bat\s+[\w.<>]+\s+\(/, /\/(?:work|home|app|usr|node_modules|src)\/[\w./-]+/, /[\w-]+\.(?:ts|tsx|js|mjs|cjs):\d+/];
  const leaks: string[] = [];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) leaks.push(m[0]);
  }
  // JSON escapes newlines, so also look inside every string value.
  if (text.includes('\\n')) {
    for (const line of text.split('\\n')) if (/^\s*at\s+/.test(line)) leaks.push(line.trim());
  }
  return leaks;
}

/** Asserts the API's error shape, status and code, and that the body reveals no internals. */
export function expectApiError(res: ApiResponse, status: number, code: string) {
  expect(res.status, `${res.method} ${res.path}: ${res.text}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.json).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(res.json.error.message.length).toBeGreaterThan(10);
  expect(stackTraceLeaks(res.text)).toEqual([]);
}
