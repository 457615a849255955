/**
 * Evaluation on real data: pairwise precision and recall of exact + likely pairs.
 * - Gambling-harms searches (CiteSource test data: one topic, five databases). Ground truth:
 *   records sharing a normalised DOI are duplicates (the EBSCOhost file keeps its DOI in L3).
 *   DOIs are removed before deduplication, so what is measured is the field-matching tiers.
 *   Precision is judged on pairs whose records both had a DOI; pairs involving a record without
 *   one cannot be judged and are only counted.
 * - Labelled screening datasets with a duplicate_record_id column (Kitchenham 2010, Nagtegaal
 *   2019; title, abstract, year only). Ground truth: the transitive closure of those links. The
 *   labels miss some duplicates; ADJUDICATED lists the pairs found here that were read side by
 *   side and are plainly the same article (same abstract, title with or without a subtitle).
 * Floors are the measured values minus about one pair, so a regression fails and noise does not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseRis } from '../formats/ris';
import { emptyRecord } from '../records/bib-record';
import { findDuplicates, type DedupItem } from './find-duplicates';

// Real exports, never copied into the repo: shared/ sits beside the repository (as for the parsers' tests).
const DATA = path.resolve(__dirname, '../../../../shared/data');
const RIS = ['crimjust_41', 'lens_49', 'psycinfo_124', 'pubmed_176', 'scopus_255'];

/** Pairs read by hand: unlabelled duplicates in the labelled sets. */
const ADJUDICATED: Record<string, [string, string][]> = {
  Kitchenham_2010: [['801', '802'], ['1344', '1345']],
  Nagtegaal_2019: [['613', '614'], ['1017', '1018'], ['1895', '1896'], ['1961', '1962']],
};

interface Measure {
  precision: number;
  recall: number;
  truePairs: number;
  found: number;
  unjudged: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Every pair inside each group of ids that share a truth label. */
function truthPairs(labels: Map<string, string>): Set<string> {
  const byLabel = new Map<string, string[]>();
  for (const [id, label] of labels) byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  const pairs = new Set<string>();
  for (const ids of byLabel.values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.add(pairKey(ids[i], ids[j]));
  return pairs;
}

function measure(items: DedupItem[], truth: Set<string>, judgeable: (id: string) => boolean): Measure {
  const { pairs } = findDuplicates(items);
  let tp = 0;
  let fp = 0;
  let unjudged = 0;
  for (const p of pairs) {
    if (!judgeable(p.a) || !judgeable(p.b)) unjudged++;
    else if (truth.has(pairKey(p.a, p.b))) tp++;
    else fp++;
  }
  return { precision: tp / (tp + fp), recall: tp / truth.size, truePairs: truth.size, found: pairs.length, unjudged };
}

const round = (m: Measure) => ({ ...m, precision: +m.precision.toFixed(3), recall: +m.recall.toFixed(3) });

describe('evaluation on real data', () => {
  it('gambling-harms searches, five databases, DOIs hidden', () => {
    const items: DedupItem[] = [];
    const doiOf = new Map<string, string>();
    for (const name of RIS) {
      const parsed = parseRis(readFileSync(`${DATA}/ris/citesource_gambling-harms_${name}.ris`, 'utf8'));
      parsed.records.forEach(({ record }, i) => {
        const id = `${name}#${i}`;
        if (record.doi) doiOf.set(id, record.doi);
        items.push({ id, record: { ...record, doi: undefined } });
      });
    }
    expect(items).toHaveLength(645);
    expect(doiOf.size).toBeGreaterThan(620); // the crimjust DOIs (L3) are read
    const m = measure(items, truthPairs(doiOf), (id) => doiOf.has(id));
    console.log('dedup evaluation, gambling-harms (645 records, DOIs hidden):', round(m));
    // Measured: precision 0.993 (558/562), recall 0.998 (558/559), 17 unjudged pairs.
    expect(m.recall).toBeGreaterThanOrEqual(0.99);
    expect(m.precision).toBeGreaterThanOrEqual(0.985);
  });

  for (const [name, floors] of [
    // Measured: labels P 5/7, R 5/6; adjudicated P 7/7, R 7/8.
    ['Kitchenham_2010', { recall: 0.8, precision: 0.7, adjudicatedPrecision: 0.85, adjudicatedRecall: 0.85 }],
    // Measured: labels P 11/15, R 11/11; adjudicated P 15/15, R 15/15.
    ['Nagtegaal_2019', { recall: 0.9, precision: 0.7, adjudicatedPrecision: 0.93, adjudicatedRecall: 0.93 }],
  ] as const) {
    it(`${name}: labelled duplicates`, () => {
      const rows: Record<string, string>[] = parse(readFileSync(`${DATA}/labelled/${name}.csv`), { columns: true });
      const items: DedupItem[] = rows.map((r) => ({
        id: r.record_id,
        record: { ...emptyRecord(), title: r.title || undefined, abstract: r.abstract || undefined, year: r.year ? Number(r.year) : undefined },
      }));
      // Union-find over the duplicate_record_id links gives each record its group label.
      const parent = new Map(rows.map((r) => [r.record_id, r.record_id]));
      const root = (x: string): string => (parent.get(x) === x ? x : root(parent.get(x)!));
      const link = (a: string, b: string) => parent.set(root(a), root(b));
      for (const r of rows) if (r.duplicate_record_id && parent.has(r.duplicate_record_id)) link(r.record_id, r.duplicate_record_id);
      const labelled = truthPairs(new Map(rows.map((r) => [r.record_id, root(r.record_id)])));
      const byLabels = measure(items, labelled, () => true);
      for (const [a, b] of ADJUDICATED[name]) link(a, b);
      const adjudicated = measure(items, truthPairs(new Map(rows.map((r) => [r.record_id, root(r.record_id)]))), () => true);
      console.log(`dedup evaluation, ${name} (${rows.length} records, title/abstract/year):`, {
        labels: round(byLabels),
        adjudicated: round(adjudicated),
      });
      expect(byLabels.recall).toBeGreaterThanOrEqual(floors.recall);
      expect(byLabels.precision).toBeGreaterThanOrEqual(floors.precision);
      expect(adjudicated.recall).toBeGreaterThanOrEqual(floors.adjudicatedRecall);
      expect(adjudicated.precision).toBeGreaterThanOrEqual(floors.adjudicatedPrecision);
    });
  }
});
