/** Shared shapes of the benchmark harness (see index.ts). */

export type DatabaseKind = 'pglite' | 'postgres';

/** One measured number. Printed as one line: `name  value unit  (details)`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  details?: string;
  /** When true, any value other than 0 fails the run (e.g. error counts). */
  mustBeZero?: boolean;
}

export interface BenchContext {
  /** The databases to measure on, in order. */
  databases: DatabaseKind[];
  /** PostgreSQL server URL (a fresh database is created on it per benchmark); set when 'postgres' is selected. */
  postgresUrl?: string;
  /** Closed-loop load settings. */
  load: { concurrency: number; durationMs: number; warmupMs: number };
  /** Builds the production app once per run (no-op after the first call, or with SIEVE_SKIP_BUILD=1). */
  ensureBuilt(): void;
  /** Registers teardown that also runs on Ctrl-C; returns a function that runs it now and unregisters it. */
  onCleanup(fn: () => Promise<void> | void): () => Promise<void>;
  /** Progress line (stderr), kept apart from the figures. */
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}
