/**
 * Another connection's transaction, opened and kept open while a test checks what the code under
 * test does meanwhile (PostgreSQL only: PGlite has one connection). `start` runs first inside it
 * (take a lock, say); `finish` runs once the test calls release(), before the commit.
 */
import { getDb, type Tx } from '../../lib/db/client';

export async function holdTransaction(start: (tx: Tx) => Promise<unknown>, finish: (tx: Tx) => Promise<unknown> = async () => {}) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  const done = getDb().$transaction(async (tx) => {
    await start(tx);
    started();
    await released;
    await finish(tx);
  }, { timeout: 20_000 });
  // Whichever comes first: the transaction has started, or it failed before it could.
  await Promise.race([ready, done]);
  return {
    /** Lets the transaction finish and commit; resolves once it has. */
    async release() {
      release();
      await done;
    },
  };
}
