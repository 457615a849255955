// Starts pglite-worker.ts from source (vitest, tsx scripts): Node 20 cannot load TypeScript in a
// worker thread by itself, so the worker registers tsx first. The built app never uses this file:
// its bundler compiles the worker (see pglite-in-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
