/**
 * `npm run db:diff -- <name>`: writes a new migration with the SQL that brings prisma/migrations
 * in line with prisma/schema.prisma. `npm run db:diff -- --check` exits 1 on drift (used by CI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { diffSchemaAgainstMigrations, MIGRATIONS_DIR } from '../lib/db/schema-engine';

const arg = process.argv[2];
if (!arg) {
  console.error('Usage: npm run db:diff -- <migration_name>   (or --check)');
  process.exit(2);
}
const sql = await diffSchemaAgainstMigrations();
if (arg === '--check') {
  if (sql) {
    console.error('schema.prisma and prisma/migrations differ. Run `npm run db:diff -- <name>`. Missing SQL:\n' + sql);
    process.exit(1);
  }
  console.log('Migrations match schema.prisma.');
  process.exit(0);
}
if (!sql) {
  console.log('No changes: migrations already match schema.prisma.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const name = `${stamp}_${arg.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
const dir = path.join(MIGRATIONS_DIR, name);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n');
console.log(`Created prisma/migrations/${name}/migration.sql`);
