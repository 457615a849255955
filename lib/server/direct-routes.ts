/**
 * Serving a few App Router route handlers straight from node:http (decision 013).
 *
 * Why: under screening load, Next.js's per-request machinery (routing, the web Request and its
 * AbortSignal, AsyncLocalStorage snapshots, response streams) was two thirds of the server's
 * thread; the route handlers and the database were the rest. For the two requests a screen makes
 * per record (next record, decision), the server calls the very route handler module Next would
 * (same code, same auth, same errors) with a web Request built here, and writes its Response back.
 * Everything else, and these routes in `next dev`, go through Next.js as before.
 */
import type http from 'node:http';
// Only the limits module: lib/api/respond imports next/server, which must not load before Next.js starts.
import { MAX_JSON_BYTES } from '../api/limits';

export type RouteHandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface DirectRoute {
  method: 'GET' | 'POST';
  /** Path segments; `:name` captures a parameter (one segment, percent-decoded). */
  path: string;
  /** The route module's handler, loaded once. */
  load: () => Promise<RouteHandler>;
}

export interface DirectMatch {
  route: DirectRoute;
  params: Record<string, string>;
}

/** The route and parameters for a request line, or null when Next.js should serve it. */
export function matchDirectRoute(routes: DirectRoute[], method: string | undefined, url: string | undefined): DirectMatch | null {
  if (!url || (method !== 'GET' && method !== 'POST')) return null;
  const q = url.indexOf('?');
  const segments = (q < 0 ? url : url.slice(0, q)).split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i];
      if (p.startsWith(':')) {
        try {
          params[p.slice(1)] = decodeURIComponent(segments[i]);
        } catch {
          // Malformed escapes: the handler gets the segment as sent (no id looks like that: 404).
          params[p.slice(1)] = segments[i];
        }
        ok = segments[i] !== '';
      } else ok = p === segments[i];
    }
    if (ok) return { route, params };
  }
  return null;
}

const loaded = new WeakMap<DirectRoute, Promise<RouteHandler>>();

/**
 * Calls the matched route handler with a web Request made from the node request, and writes its
 * Response (status, headers, body) plus `extraHeaders` (the security headers next.config.js
 * gives every response).
 */
export async function serveDirect(match: DirectMatch, req: http.IncomingMessage, res: http.ServerResponse, extraHeaders: Array<{ key: string; value: string }>): Promise<void> {
  let handler = loaded.get(match.route);
  if (!handler) loaded.set(match.route, (handler = match.route.load()));
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (req.method === 'POST') {
    // Keep at most one byte past the JSON limit: readJson then answers 413 as on every route,
    // and an oversized body is read off the socket without being held in memory.
    const chunks: Buffer[] = [];
    let kept = 0;
    for await (const chunk of req) {
      if (kept > MAX_JSON_BYTES) continue;
      chunks.push(chunk as Buffer);
      kept += (chunk as Buffer).length;
    }
    body = new Uint8Array(Buffer.concat(chunks));
  }
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: req.method, headers, body });
  const response = await (await handler)(request, { params: Promise.resolve(match.params) });
  const payload = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  const out: Record<string, string | string[]> = {};
  for (const { key, value } of extraHeaders) out[key] = value;
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') out[key] = response.headers.getSetCookie();
    else out[key] = value;
  });
  if (payload) out['content-length'] = String(payload.length);
  res.writeHead(response.status, out);
  res.end(payload);
}
