// Starts a TypeScript worker from source (vitest, tsx scripts): Node 20 cannot load TypeScript in a
// worker thread by itself, so the worker registers tsx first, then imports workerData.entry. The
// built app never uses this file: its bundler compiles the workers (see lib/worker-threads.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
