/**
 * A real labelled review carried end to end through the JSON API, as a review team's script runs
 * it: Cohen et al. 2006, "ADHD" drug-class review (851 PubMed records labelled at title/abstract
 * and after full text; ../shared/data/labelled). An owner imports the CSV; two blinded reviewers
 * screen every record through `screening/next` and `decisions`, following the labels, one of them
 * disagreeing on a fixed set; the owner adjudicates; full text follows the final labels. The
 * oracle is the file's labels, read here with csv-parse apart from the importer, and Cohen's kappa
 * computed here from the two reviewers' votes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, responseLog, stackTraceLeaks, type ApiResponse } from '../helpers/api-client';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/factories';
import { recordExportBatches } from '../../lib/db/record-export';
import { parseRis } from '../../lib/domain/formats/ris';

useTestDatabase();

const FILE = path.resolve(import.meta.dirname, '../../../shared/data/labelled/Cohen_2006_ADHD.csv');
type Vote = 'include' | 'exclude' | 'maybe';
type Stage = 'title_abstract' | 'full_text';
interface Labels {
  titleAbstract: boolean;
  final: boolean;
}

const rows = parse(fs.readFileSync(FILE), { columns: true, bom: true }) as Array<Record<string, string>>;
const labels = new Map<string, Labels>(rows.map((row) => [row.pubmedID, { titleAbstract: row.label_abstract_screening === '1', final: row.label_included === '1' }]));
// Rows with a PMID only (no title, no abstract): nothing to screen, so the import lists them as
// problems and a script chooses to skip them (issue 3).
const titleless = new Set(rows.filter((row) => !row.title.trim() && !row.abstract.trim()).map((row) => row.pubmedID));

let owner: { id: string; token: string };
let a: { id: string; email: string; token: string };
let b: { id: string; email: string; token: string };
let reviewId: string;
/** Records left to screen after deduplication: id -> PMID. */
const screened = new Map<string, string>();
const label = (recordId: string) => labels.get(screened.get(recordId)!)!;
const api = (p: string) => `/api/v1/reviews/${reviewId}${p}`;

/** Every record of a listing, page by page. */
async function all(p: string, token: string): Promise<Array<ApiResponse['json']>> {
  const items: Array<ApiResponse['json']> = [];
  for (let offset = 0; ; offset += 500) {
    const res = await call('GET', `${api(p)}${p.includes('?') ? '&' : '?'}limit=500&offset=${offset}`, { token });
    expect(res.status, res.text).toBe(200);
    items.push(...res.json.items);
    if (items.length >= res.json.total) return items;
  }
}

/** One reviewer's screen: asks for the next record until none is left, deciding each with `vote`. */
async function screenAll(token: string, stage: Stage, vote: (recordId: string) => Record<string, unknown>): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const next = await call('GET', api(`/screening/next?stage=${stage}`), { token });
    if (next.status === 204) return seen;
    expect(next.status, next.text).toBe(200);
    const id = next.json.record.id as string;
    const saved = await call('POST', api(`/records/${id}/decisions`), { token, body: { stage, ...vote(id) } });
    expect(saved.status, saved.text).toBe(201);
    seen.push(id);
    if (seen.length > screened.size) throw new Error('the queue served more records than the review has');
  }
}

/** Cohen's kappa of two raters' paired votes (the textbook formula, kept apart from lib/). */
function kappa(pairs: Array<[string, string]>): number {
  const cats = [...new Set(pairs.flat())];
  const n = pairs.length;
  const po = pairs.filter(([x, y]) => x === y).length / n;
  const pe = cats.reduce((s, c) => s + (pairs.filter(([x]) => x === c).length / n) * (pairs.filter(([, y]) => y === c).length / n), 0);
  return (po - pe) / (1 - pe);
}

// B disagrees with the labels on every 20th record (by PMID) at title/abstract, and says "maybe"
// instead of "include" on every third record it includes (maybe counts as include: no conflict).
let flipped: Set<string>;
const taVoteA = (id: string): Vote => (label(id).titleAbstract ? 'include' : 'exclude');
function taVoteB(id: string): Vote {
  const agreed = taVoteA(id);
  const vote = flipped.has(id) ? (agreed === 'include' ? 'exclude' : 'include') : agreed;
  return vote === 'include' && Number(screened.get(id)) % 3 === 0 ? 'maybe' : vote;
}

beforeAll(async () => {
  owner = await makeUser('owner');
  a = await makeUser('reviewer-a');
  b = await makeUser('reviewer-b');
  const created = await call('POST', '/api/v1/reviews', { token: owner.token, body: { title: 'ADHD drug class (Cohen 2006)' } });
  expect(created.status).toBe(201);
  reviewId = created.json.id;
  for (const r of [a, b]) expect((await call('POST', api('/members'), { token: owner.token, body: { email: r.email, role: 'reviewer' } })).status).toBe(201);
}, 60_000);

afterAll(() => {
  // No answer of this whole run was a server error, and no error carried a stack trace (other
  // bodies carry abstracts, whose prose can look like one: "at baseline (n = 50)").
  expect(responseLog.filter((r) => r.status >= 500).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  expect(responseLog.filter((r) => r.status >= 400).flatMap((r) => stackTraceLeaks(r.text))).toEqual([]);
});

describe('a labelled review through the API', () => {
  it('imports the labelled CSV as one search: the records without title and abstract are listed, then skipped by choice', async () => {
    const importFile = (fields: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new File([fs.readFileSync(FILE)], 'Cohen_2006_ADHD.csv'));
      for (const [k, v] of Object.entries({ source: 'PubMed', sourceType: 'database', query: 'ADHD drug class review (Cohen et al. 2006)', dateRun: '2004-09-01', ...fields })) form.append(k, v);
      return call('POST', api('/searches'), { token: owner.token, form });
    };
    // Before any import: an empty list, and exports that are empty files (CSV keeps its header).
    const emptyCsv = await call('GET', api('/records?format=csv'), { token: owner.token });
    expect([emptyCsv.status, emptyCsv.text.split('\r\n')[0].startsWith('sieve_id,source,'), emptyCsv.text.trim().split('\r\n').length]).toEqual([200, true, 1]);
    const emptyRis = await call('GET', api('/records?format=ris'), { token: owner.token });
    expect([emptyRis.status, emptyRis.text]).toEqual([200, '']);
    const refused = await importFile({});
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.problemRecords).toBe(titleless.size);
    expect((await all('/records', owner.token)).length).toBe(0);

    const res = await importFile({ skipProblemRecords: 'true' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.recordsImported).toBe(labels.size - titleless.size);

    const records = await all('/records', owner.token);
    expect(new Set(records.map((r) => r.pmid))).toEqual(new Set([...labels.keys()].filter((pmid) => !titleless.has(pmid))));
    for (const r of records.filter((x) => !x.removedReason)) screened.set(r.id, r.pmid);
    const removed = records.filter((r) => r.removedReason === 'duplicate');
    // PRISMA: records screened = records imported - duplicates removed.
    expect(screened.size).toBe(records.length - removed.length);
    // Removed duplicates are not screened: they stand nowhere.
    for (const r of removed) expect(r.screening).toEqual({ title_abstract: null, full_text: null });
    flipped = new Set([...screened.keys()].sort((x, y) => Number(screened.get(x)) - Number(screened.get(y))).filter((_, i) => i % 20 === 0));
  });

  it('two blinded reviewers screen every title and abstract once, and the conflicts are exactly their disagreements', async () => {
    const byA = await screenAll(a.token, 'title_abstract', (id) => ({ decision: taVoteA(id) }));
    // Blinded: A cannot list outcomes, and A's record list carries none.
    const blindedList = await call('GET', api('/records?stage=title_abstract&outcome=included'), { token: a.token });
    expect(blindedList.status).toBe(403);
    expect(blindedList.json.error.message).toMatch(/blinded/);
    expect((await call('GET', api('/records?limit=1'), { token: a.token })).json.items[0].screening).toEqual({});
    const byB = await screenAll(b.token, 'title_abstract', (id) => ({ decision: taVoteB(id) }));

    expect(new Set(byA)).toEqual(new Set(screened.keys()));
    expect(new Set(byB)).toEqual(new Set(screened.keys()));
    const progress = await call('GET', api('/screening/progress?stage=title_abstract'), { token: b.token });
    expect(progress.json).toMatchObject({ total: screened.size, screenedByMe: screened.size, neededFromMe: 0 });

    const conflictIds = [...screened.keys()].filter((id) => (taVoteA(id) === 'exclude') !== (taVoteB(id) === 'exclude'));
    expect(conflictIds.length).toBe(flipped.size);
    const conflicts = await all('/conflicts?stage=title_abstract', owner.token);
    expect(new Set(conflicts.map((c) => c.recordId))).toEqual(new Set(conflictIds));
    expect((await all('/records?stage=title_abstract&outcome=conflict', owner.token)).map((r) => r.id).sort()).toEqual(conflictIds.sort());

    const agreement = await call('GET', api('/agreement?stage=title_abstract'), { token: owner.token });
    expect(agreement.status).toBe(200);
    const votes = [...screened.keys()].map((id): [string, string] => [taVoteA(id), taVoteB(id) === 'maybe' ? 'include' : taVoteB(id)]);
    expect(agreement.json.overall.kappa).toBeCloseTo(kappa(votes), 6);
    expect(agreement.json.overall.percentAgreement).toBeCloseTo(100 * (1 - conflictIds.length / screened.size), 6);
  }, 180_000);

  it('the owner resolves each conflict with its label, and the title/abstract outcomes are the labels', async () => {
    for (const c of await all('/conflicts?stage=title_abstract', owner.token)) {
      const res = await call('POST', api(`/records/${c.recordId}/resolution`), { token: owner.token, body: { stage: 'title_abstract', decision: taVoteA(c.recordId) } });
      expect(res.status, res.text).toBe(201);
    }
    const included = await all('/records?stage=title_abstract&outcome=included', owner.token);
    const expected = [...screened.keys()].filter((id) => label(id).titleAbstract);
    expect(included.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(included.every((r) => r.screening.title_abstract.outcome === 'included' && r.screening.full_text?.outcome === 'pending')).toBe(true);
    const excluded = await all('/records?stage=title_abstract&outcome=excluded', owner.token);
    expect(excluded.length).toBe(screened.size - expected.length);
    expect((await all('/records?stage=title_abstract&outcome=conflict', owner.token)).length).toBe(0);
    expect((await all('/records?stage=title_abstract&outcome=pending', owner.token)).length).toBe(0);
  }, 120_000);

  it('full text follows the final labels; the included reports are the labelled inclusions, and every exclusion has its reason', async () => {
    const reason = await call('POST', api('/exclusion-reasons'), { token: owner.token, body: { label: 'Not a controlled trial of an ADHD drug' } });
    const other = await call('POST', api('/exclusion-reasons'), { token: owner.token, body: { label: 'Wrong outcome' } });
    expect([reason.status, other.status]).toEqual([201, 201]);
    const reasons = await all('/exclusion-reasons', owner.token);
    const notRetrieved = reasons.find((r) => r.kind === 'not_retrieved')!;
    expect(notRetrieved).toBeDefined();

    const sought = [...screened.keys()].filter((id) => label(id).titleAbstract).sort();
    const finalIds = sought.filter((id) => label(id).final);
    const excludedIds = sought.filter((id) => !label(id).final);
    // Disagreements at full text: B excludes one inclusion, and names another reason for one
    // exclusion; both reviewers find one report not retrievable.
    const [bExcludes] = finalIds;
    const [missing, otherReason] = excludedIds;
    const ftVote = (id: string, who: 'a' | 'b') => {
      if (id === missing) return { decision: 'exclude', reasonId: notRetrieved.id };
      if (who === 'b' && id === bExcludes) return { decision: 'exclude', reasonId: reason.json.id };
      if (who === 'b' && id === otherReason) return { decision: 'exclude', reasonId: other.json.id };
      return label(id).final ? { decision: 'include' } : { decision: 'exclude', reasonId: reason.json.id };
    };
    expect(new Set(await screenAll(a.token, 'full_text', (id) => ftVote(id, 'a')))).toEqual(new Set(sought));
    expect(new Set(await screenAll(b.token, 'full_text', (id) => ftVote(id, 'b')))).toEqual(new Set(sought));

    const conflicts = await all('/conflicts?stage=full_text', owner.token);
    expect(conflicts.map((c) => c.recordId).sort()).toEqual([bExcludes, otherReason].sort());
    const pairs = sought.map((id): [string, string] => {
      const [va, vb] = [ftVote(id, 'a'), ftVote(id, 'b')];
      return [va.decision === 'include' ? 'include' : `exclude:${va.reasonId}`, vb.decision === 'include' ? 'include' : `exclude:${vb.reasonId}`];
    });
    expect((await call('GET', api('/agreement?stage=full_text'), { token: owner.token })).json.overall.kappa).toBeCloseTo(kappa(pairs), 6);

    expect((await call('POST', api(`/records/${bExcludes}/resolution`), { token: owner.token, body: { stage: 'full_text', decision: 'include' } })).status).toBe(201);
    expect((await call('POST', api(`/records/${otherReason}/resolution`), { token: owner.token, body: { stage: 'full_text', decision: 'exclude', reasonId: other.json.id } })).status).toBe(201);

    const included = await all('/records?stage=full_text&outcome=included', owner.token);
    expect(included.map((r) => r.pmid).sort()).toEqual([...labels].filter(([pmid, l]) => l.final && [...screened.values()].includes(pmid)).map(([pmid]) => pmid).sort());
    const excluded = await all('/records?stage=full_text&outcome=excluded', owner.token);
    expect(excluded.length).toBe(excludedIds.length);
    const byReason = new Map<string, number>();
    for (const r of excluded) byReason.set(r.screening.full_text.reason.label, (byReason.get(r.screening.full_text.reason.label) ?? 0) + 1);
    expect(Object.fromEntries(byReason)).toEqual({
      [reason.json.label]: excludedIds.length - 2,
      [other.json.label]: 1,
      [notRetrieved.label]: 1,
    });
    const one = await call('GET', api(`/records/${missing}`), { token: owner.token });
    expect(one.json.screening.full_text).toEqual({ outcome: 'excluded', decisions: 2, reason: { id: notRetrieved.id, label: notRetrieved.label, kind: 'not_retrieved' } });
    expect((await call('GET', api(`/records/${otherReason}`), { token: owner.token })).json.screening.full_text.reason.id).toBe(other.json.id);
  }, 180_000);

  it('exports the included reports as RIS and every record as CSV, with the outcomes the caller may see', async () => {
    const finalPmids = [...labels].filter(([pmid, l]) => l.final && [...screened.values()].includes(pmid)).map(([pmid]) => pmid).sort();
    const ris = await call('GET', api('/records?stage=full_text&outcome=included&format=ris'), { token: owner.token });
    expect(ris.status).toBe(200);
    expect(ris.headers.get('content-type')).toContain('application/x-research-info-systems');
    expect(ris.headers.get('content-disposition')).toBe('attachment; filename="records-full_text-included.ris"');
    const parsed = parseRis(ris.text);
    expect(parsed.records.map((r) => r.record.pmid).sort()).toEqual(finalPmids);
    expect(ris.text).toContain('N1  - Sieve screening: title/abstract: included');

    const csv = await call('GET', api('/records?format=csv'), { token: owner.token });
    expect(csv.status).toBe(200);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(labels.size - titleless.size);
    const byPmid = new Map(rows.map((r) => [r.pmid, r]));
    for (const pmid of finalPmids) expect(byPmid.get(pmid)).toMatchObject({ title_abstract_outcome: 'included', full_text_outcome: 'included', full_text_reason: '' });
    expect(rows.filter((r) => r.full_text_outcome === 'excluded' && r.full_text_reason === '')).toEqual([]);

    // A reviewer at a blinded stage gets the records, without outcomes, and cannot filter on them.
    const blinded = parse((await call('GET', api('/records?format=csv'), { token: a.token })).text, { columns: true }) as Array<Record<string, string>>;
    expect(blinded).toHaveLength(rows.length);
    expect(blinded.every((r) => r.title_abstract_outcome === '' && r.full_text_outcome === '')).toBe(true);
    expect((await call('GET', api('/records?stage=full_text&outcome=included&format=ris'), { token: a.token })).status).toBe(403);
    expect((await call('GET', api('/records?format=xml'), { token: owner.token })).status).toBe(422);

    // Batches follow a cursor in list order: small batches give every record once, in order.
    const listed = (await all('/records', owner.token)).map((r) => r.id);
    const batched: string[] = [];
    for await (const batch of recordExportBatches(reviewId, {}, 100)) batched.push(...batch.map((r) => r.id));
    expect(batched).toEqual(listed);
  }, 120_000);
});

