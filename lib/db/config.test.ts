import { describe, expect, it } from 'vitest';
import { getEnv } from '../env';
import { pgliteWorkerEnabled } from './config';

const env = (vars: Record<string, string>) => getEnv({ ...vars });

describe('the embedded database in a worker thread', () => {
  it('runs in a worker in the production server when a second core is there for it', () => {
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'production' }), true, 2)).toBe(true);
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'production' }), true, 1)).toBe(false);
  });

  it('stays on the thread in scripts, the CLI and next dev unless asked', () => {
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'production' }), false, 8)).toBe(false);
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'production', SIEVE_PGLITE_WORKER: '1' }), false, 8)).toBe(false);
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'development' }), true, 8)).toBe(false);
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'development', SIEVE_PGLITE_WORKER: '1' }), true, 1)).toBe(true);
  });

  it('follows SIEVE_PGLITE_WORKER=0, and refuses a value it does not know', () => {
    expect(pgliteWorkerEnabled(env({ NODE_ENV: 'production', SIEVE_PGLITE_WORKER: '0' }), true, 8)).toBe(false);
    expect(() => env({ SIEVE_PGLITE_WORKER: 'yes' })).toThrow(/SIEVE_PGLITE_WORKER: must be auto, 0 or 1/);
  });
});
