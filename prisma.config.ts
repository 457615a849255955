// Prisma CLI configuration. Only `prisma generate` is used from the CLI here: migrations are
// created and applied by scripts/db-*.ts on the schema engine compiled to WebAssembly (see
// docs/decisions/002-migrations-on-wasm-schema-engine.md), which needs no native binary.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
