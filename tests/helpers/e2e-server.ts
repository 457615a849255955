/**
 * An app whose data folder and session secret outlive one server process, so a test can stop the
 * server and start another on the same data, as an install does on restart. startApp() always
 * makes (and on stop deletes) its own temporary folder; the SIEVE_DATA_DIR and NEXTAUTH_SECRET
 * given here override it through `env`, and the folder is removed only by `dispose()`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app-server';

export interface RestartableApp {
  /** The current server's address (a new port after each restart). */
  readonly url: string;
  /** Stops the current server and starts a new one on the same data folder and secret. */
  restart(): Promise<void>;
  /** Stops the server and deletes the data folder. */
  dispose(): Promise<void>;
}

export async function startRestartableApp(): Promise<RestartableApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-e2e-'));
  const env = { SIEVE_DATA_DIR: dataDir, NEXTAUTH_SECRET: randomBytes(32).toString('base64url') };
  let app: RunningApp | undefined;
  try {
    app = await startApp({ env });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    get url() {
      if (!app) throw new Error('the app is not running');
      return app.url;
    },
    async restart() {
      await app?.stop();
      app = undefined;
      await waitForDatabaseRelease(dataDir);
      app = await startApp({ env });
    },
    async dispose() {
      await app?.stop();
      app = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * startApp's stop() resolves when its `npx` wrapper exits; the `next-server` process under it may
 * still hold the embedded database for a moment. Wait until the pid in PGlite's lock file
 * (lib/db/pglite-lock.ts) is gone, as the next server's migration step would refuse to start.
 */
async function waitForDatabaseRelease(dataDir: string, timeoutMs = 30_000): Promise<void> {
  const lockFile = path.join(dataDir, 'db.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = fs.existsSync(lockFile) ? Number(fs.readFileSync(lockFile, 'utf8').trim()) : 0;
    if (!pid || !isAlive(pid)) return;
    if (Date.now() > deadline) throw new Error(`the stopped app (pid ${pid}) still holds ${dataDir}/db after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
