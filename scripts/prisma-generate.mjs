// Generates the Prisma client. The Prisma CLI insists on a native schema-engine binary it would
// download from Prisma's servers, but `generate` never runs it: any existing file satisfies it.
// (Migrations run on the WASM schema engine instead; see docs/decisions/002.)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const r = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
