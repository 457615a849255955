/**
 * Seed step for the screening benchmark, run BEFORE the app starts (the embedded database is
 * single-process), on the database named by SIEVE_DATA_DIR or DATABASE_URL.
 *
 *   npx tsx scripts/bench/seed-screening.ts seed <records> <reviewers>
 *     migrates; creates an owner and <reviewers> reviewers (each with an API token), one review
 *     with them as members, one Search and <records> Records (createMany, batches of 5,000; the
 *     shape of tests/helpers/factories.ts makeRecords). Prints one JSON line last:
 *     { reviewId, tokens: string[], seconds }.
 *   npx tsx scripts/bench/seed-screening.ts count <reviewId>
 *     prints { decisions, title_abstract } (stored decisions of the review), after the app stopped.
 */
import { closeDb, getDb } from '../../lib/db/client';
import { openAdapter } from '../../lib/db/adapter';
import { databaseTargetFromEnv } from '../../lib/db/config';
import { applyMigrations } from '../../lib/db/schema-engine';
import { signUp } from '../../lib/services/accounts';
import { createApiToken } from '../../lib/services/api-tokens';
import { addReviewMember, createReview } from '../../lib/services/reviews';

const BATCH = 5_000;
const PASSWORD = 'bench password long enough 1';

async function seed(records: number, reviewers: number) {
  const t0 = performance.now();
  const adapter = await openAdapter(databaseTargetFromEnv());
  try {
    await applyMigrations(adapter.factory);
  } finally {
    await adapter.close();
  }
  const owner = await signUp({ email: 'owner@bench.example.org', name: 'Bench Owner', password: PASSWORD });
  const review = await createReview(owner.id, { title: 'Screening benchmark', description: 'Created by npm run bench.' });
  const tokens: string[] = [];
  for (let i = 1; i <= reviewers; i++) {
    const email = `reviewer${i}@bench.example.org`;
    const user = await signUp({ email, name: `Bench Reviewer ${i}`, password: PASSWORD });
    await addReviewMember(owner.id, review.id, { email, role: 'reviewer' });
    tokens.push((await createApiToken(user.id, 'bench')).token);
  }
  const db = getDb();
  const search = await db.search.create({
    data: { reviewId: review.id, source: 'PubMed', sourceType: 'database', query: 'bench', fileName: 'bench.nbib', fileSize: 0, fileSha256: '0', format: 'medline', recordsImported: records, createdById: owner.id },
  });
  for (let start = 0; start < records; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, records - start) }, (_, i) => ({
      id: crypto.randomUUID(),
      reviewId: review.id,
      searchId: search.id,
      position: start + i,
      title: `Record ${start + i + 1}: ketamine and synaptic plasticity in adults with treatment-resistant depression`,
      abstract: `Abstract of record ${start + i + 1}. Background, methods, results and conclusions of a study on ketamine.`,
      authors: [{ name: 'Doe, Jane', family: 'Doe', given: 'Jane' }],
      year: 2000 + ((start + i) % 25),
    }));
    await db.record.createMany({ data: batch });
  }
  console.log(JSON.stringify({ reviewId: review.id, tokens, seconds: (performance.now() - t0) / 1000 }));
}

async function count(reviewId: string) {
  const db = getDb();
  const decisions = await db.decision.count({ where: { reviewId } });
  const titleAbstract = await db.decision.count({ where: { reviewId, stage: 'title_abstract' } });
  console.log(JSON.stringify({ decisions, title_abstract: titleAbstract }));
}

try {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'seed') await seed(Number(a), Number(b ?? 10));
  else if (mode === 'count') await count(a);
  else throw new Error('usage: seed-screening.ts seed <records> <reviewers> | count <reviewId>');
} finally {
  await closeDb();
}
