// Starts a TypeScript worker from source (vitest, tsx scripts): Node 20 cannot load TypeScript in a
// worker thread by itself, so the worker registers tsx first, then imports workerData.entry. The
// built app never uses this file: its bundler compiles the workers (see lib/worker-threads.ts).
//
// No top-level await: a worker terminated while an async (top-level-await) module is still being
// evaluated can hit a V8 fatal error in Node 20 (nodejs/node#53238, "Check failed: (location_) !=
// nullptr"), which kills the whole process. A failed import still surfaces as the worker's 'error'
// event: an unhandled rejection in a worker is thrown there.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
void import(workerData.entry);
