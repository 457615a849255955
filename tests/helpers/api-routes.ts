/**
 * The App Router's route files under app/api, found by walking the folders, so the API tests see a
 * new endpoint without anyone editing a list. Segments follow Next.js: `[id]` is one dynamic
 * segment, `[...rest]` a catch-all; a URL goes to the most specific match (static beats dynamic
 * beats catch-all), as in Next.
 */
import fs from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Segment = { kind: 'static'; value: string } | { kind: 'dynamic'; name: string } | { kind: 'catchAll'; name: string };

export interface RouteFile {
  /** Absolute path of route.ts. */
  file: string;
  /** Path relative to the repository root, for messages. */
  relative: string;
  /** The URL path in OpenAPI form: `[reviewId]` becomes `{reviewId}`, `[...path]` stays as is. */
  openApiPath: string;
  isCatchAll: boolean;
  segments: Segment[];
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export function listRouteFiles(under = 'app/api'): RouteFile[] {
  const root = path.join(REPO_ROOT, under);
  const found: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) found.push(describe(full));
    }
  };
  walk(root);
  return found.sort((a, b) => a.relative.localeCompare(b.relative));
}

function describe(file: string): RouteFile {
  const relDir = path.relative(path.join(REPO_ROOT, 'app'), path.dirname(file));
  // Route groups "(name)" and private folders "_name" are not URL segments.
  const parts = relDir.split(path.sep).filter((p) => p && !/^\(.*\)$/.test(p));
  const segments: Segment[] = parts.map((p) => {
    const catchAll = /^\[{1,2}\.\.\.(\w+)\]{1,2}$/.exec(p);
    if (catchAll) return { kind: 'catchAll', name: catchAll[1] };
    const dynamic = /^\[(\w+)\]$/.exec(p);
    if (dynamic) return { kind: 'dynamic', name: dynamic[1] };
    return { kind: 'static', value: p };
  });
  const openApiPath =
    '/' +
    segments
      .map((s) => (s.kind === 'static' ? s.value : s.kind === 'dynamic' ? `{${s.name}}` : `[...${s.name}]`))
      .join('/');
  return { file, relative: path.relative(REPO_ROOT, file), openApiPath, isCatchAll: segments.some((s) => s.kind === 'catchAll'), segments };
}

type Params = Record<string, string | string[]>;

/** The route file serving a URL path and its params, or null when none matches. */
export function matchRoute(routes: RouteFile[], urlPath: string): { route: RouteFile; params: Params } | null {
  const parts = urlPath.split('/').filter(Boolean).map(decodeURIComponent);
  let best: { route: RouteFile; params: Params; rank: number[] } | null = null;
  for (const route of routes) {
    const m = matchSegments(route.segments, parts);
    if (!m) continue;
    if (!best || compareRank(m.rank, best.rank) < 0) best = { route, ...m };
  }
  return best && { route: best.route, params: best.params };
}

function matchSegments(segments: Segment[], parts: string[]): { params: Params; rank: number[] } | null {
  const params: Params = {};
  const rank: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === 'catchAll') {
      if (i !== segments.length - 1 || parts.length <= i) return null;
      params[s.name] = parts.slice(i);
      rank.push(2);
      return { params, rank };
    }
    if (i >= parts.length) return null;
    if (s.kind === 'static') {
      if (s.value !== parts[i]) return null;
      rank.push(0);
    } else {
      params[s.name] = parts[i];
      rank.push(1);
    }
  }
  return segments.length === parts.length ? { params, rank } : null;
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return b.length - a.length;
}

/** The HTTP methods a route module exports. */
export function exportedMethods(mod: Record<string, unknown>): HttpMethod[] {
  return HTTP_METHODS.filter((m) => typeof mod[m] === 'function');
}
