/**
 * The JSON API's conventions in one place: errors are `{ error: { code, message, details? } }`
 * with a fitting status, never a stack trace; lists are `{ items, total, limit, offset }`.
 */
import { NextResponse } from 'next/server';
import { MAX_JSON_BYTES } from './limits';
import { ZodError } from 'zod';
import { AppError, isAppError } from '../errors';

/**
 * Below this size a JSON body is sent uncompressed (`no-transform` tells Next's gzip to leave it):
 * for a record or a decision, gzip costs more server CPU than it saves on the wire, and these are
 * the requests screening makes several times a second per reviewer. Large lists are still gzipped.
 */
const COMPRESS_FROM_CHARS = 16 * 1024;

export function json(body: unknown, status = 200, headers?: HeadersInit): NextResponse {
  const text = JSON.stringify(body);
  const h = new Headers(headers);
  h.set('Content-Type', 'application/json');
  // API answers are per user and change with every decision: never cached by anyone.
  h.set('Cache-Control', text.length < COMPRESS_FROM_CHARS ? 'private, no-store, no-transform' : 'private, no-store');
  return new NextResponse(text, { status, headers: h });
}

export function errorResponse(error: unknown, context: string): NextResponse {
  if (isAppError(error)) {
    const headers: Record<string, string> = {};
    if (error.code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer';
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry) headers['Retry-After'] = String(retry);
    return json({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }, error.status, headers);
  }
  if (error instanceof ZodError) {
    return json({ error: { code: 'invalid', message: summarizeZod(error), details: { issues: zodIssues(error) } } }, 422);
  }
  console.error(`[api] ${context}:`, error);
  return json({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.' } }, 500);
}

export function zodIssues(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function summarizeZod(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' ');
}

/** The body as text, refused (413) past MAX_JSON_BYTES without reading the rest into memory. */
async function readCappedText(request: Request): Promise<string> {
  const tooLarge = () => new AppError('payload_too_large', `The JSON body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB.`);
  if (Number(request.headers.get('content-length')) > MAX_JSON_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; a missing, malformed or oversized body is a 400 or 413 that says so. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('bad_request', 'Send the body as JSON with Content-Type: application/json.');
  const text = await readCappedText(request);
  if (!text.trim()) throw new AppError('bad_request', 'The request body is empty; expected a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new AppError('bad_request', `The request body is not valid JSON (${(e as Error).message}).`);
  }
  rejectNulCharacters(body, []);
  return body;
}

/**
 * PostgreSQL text cannot hold U+0000; say which field has one (422) instead of failing in the
 * database.
 */
export function rejectNulCharacters(value: unknown, path: (string | number)[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      const at = path.join('.') || 'body';
      throw new AppError('invalid', `${at}: contains a NUL character (U+0000), which cannot be stored.`, { issues: [{ path: at, message: 'contains a NUL character (U+0000)' }] });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => rejectNulCharacters(v, [...path, i]));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      rejectNulCharacters(k, [...path, k]);
      rejectNulCharacters(v, [...path, k]);
    }
  }
}

export function queryObject(request: Request): Record<string, string> {
  const query = Object.fromEntries(new URL(request.url).searchParams.entries());
  rejectNulCharacters(query, []);
  return query;
}

export function list<T>(items: T[], total: number, paging: { limit: number; offset: number }) {
  return { items, total, limit: paging.limit, offset: paging.offset };
}
