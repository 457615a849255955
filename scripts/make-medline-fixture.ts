/**
 * Writes a large PubMed MEDLINE (.nbib) file for benchmarks by repeating the real records in
 * ../shared/data/pubmed-medline with fresh PMIDs and DOIs. Generated data is never committed:
 * write it outside the repository.
 *
 *   npx tsx scripts/make-medline-fixture.ts /tmp/medline-100k.nbib [--records 100000] [--near-copies]
 *
 * Copies after the first also get a title of their own (6-17 words drawn from the vocabulary of
 * the real titles and abstracts), their author list rotated, and a new year, volume and pages, as
 * different articles would have (seeded, so the file is the same every run). Without that, every
 * record would have ~600 near-twins sharing title words, authors, journal and pages, which
 * deduplication rightly compares in depth and flags (tens of thousands of likely pairs, over a
 * million candidate comparisons): no import anyone makes. --near-copies keeps every field but the
 * PMID and DOI, as a worst case for deduplication.
 */
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_DIR = path.resolve(import.meta.dirname, '../../shared/data/pubmed-medline');
const FIRST_PMID = 40_000_000;

interface Options {
  out: string;
  records: number;
  nearCopies: boolean;
}

function parseArgs(argv: string[]): Options {
  const out = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--records');
  if (!out) {
    console.error('Usage: npx tsx scripts/make-medline-fixture.ts <output.nbib> [--records 100000] [--near-copies]');
    process.exit(2);
  }
  const i = argv.indexOf('--records');
  const records = i >= 0 ? Number(argv[i + 1]) : 100_000;
  if (!Number.isInteger(records) || records < 1) throw new Error('--records must be a positive whole number');
  return { out: path.resolve(out), records, nearCopies: argv.includes('--near-copies') };
}

/** MEDLINE records of every shared file, as arrays of logical fields (tag line + its continuations). */
function readRecords(): string[][][] {
  const records: string[][][] = [];
  for (const name of fs.readdirSync(SOURCE_DIR).sort()) {
    const text = fs.readFileSync(path.join(SOURCE_DIR, name), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    for (const block of text.split(/\n\s*\n/)) {
      const lines = block.split('\n').filter((l) => l.trim() !== '');
      if (!lines.some((l) => l.startsWith('PMID- '))) continue;
      const fields: string[][] = [];
      for (const line of lines) {
        if (/^\s/.test(line) && fields.length) fields[fields.length - 1].push(line);
        else fields.push([line]);
      }
      records.push(fields);
    }
  }
  return records;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tagOf = (field: string[]) => field[0].slice(0, 4).trim();
const valueOf = (field: string[]) => field.map((l, i) => (i === 0 ? l.slice(6) : l.trim())).join(' ');

/** Words of the real titles and abstracts, from which copies get titles of their own. */
let vocabulary: string[] = [];

function copyRecord(fields: string[][], n: number, copy: number, options: Options): string {
  const random = rng(n + 1);
  const pmid = String(FIRST_PMID + n);
  const doi = `10.5555/sieve.fixture.${n}`;
  const authorIdx = fields.map((f, i) => (['FAU', 'AU', 'AD', 'AUID'].includes(tagOf(f)) ? i : -1)).filter((i) => i >= 0);
  // Authors move as whole FAU..AD groups so each name keeps its affiliation.
  const groups: string[][][] = [];
  for (const i of authorIdx) {
    if (tagOf(fields[i]) === 'FAU' || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(fields[i]);
  }
  const shift = copy > 0 && !options.nearCopies && groups.length > 1 ? copy % groups.length : 0;
  const rotated = [...groups.slice(shift), ...groups.slice(0, shift)].flat();
  const out: string[] = [];
  let authorsWritten = false;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const tag = tagOf(f);
    if (authorIdx.includes(i)) {
      if (!authorsWritten) out.push(...rotated.flat());
      authorsWritten = true;
    } else if (tag === 'PMID') out.push(`PMID- ${pmid}`);
    else if ((tag === 'LID' || tag === 'AID') && f[0].includes('[doi]')) out.push(`${f[0].slice(0, 6)}${doi} [doi]`);
    else if (tag === 'TI' && copy > 0 && !options.nearCopies) {
      const length = 6 + Math.floor(random() * 12);
      const words = Array.from({ length }, () => vocabulary[Math.floor(random() * vocabulary.length)]);
      out.push(`TI  - ${words[0][0].toUpperCase()}${words.join(' ').slice(1)}.`);
    } else if (copy > 0 && !options.nearCopies && tag === 'VI') out.push(`VI  - ${1 + Math.floor(random() * 120)}`);
    else if (copy > 0 && !options.nearCopies && tag === 'PG') {
      const start = 1 + Math.floor(random() * 3000);
      out.push(`PG  - ${start}-${start + 1 + Math.floor(random() * 15)}`);
    } else if (copy > 0 && !options.nearCopies && tag === 'DP') out.push(`DP  - ${valueOf(f).replace(/^\d{4}/, String(1980 + Math.floor(random() * 45)))}`);
    else out.push(...f);
  }
  return out.join('\n') + '\n\n';
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const source = readRecords();
  if (source.length === 0) throw new Error(`No MEDLINE records found in ${SOURCE_DIR}`);
  const words = new Set<string>();
  for (const fields of source) {
    for (const f of fields) {
      if (tagOf(f) !== 'TI' && tagOf(f) !== 'AB') continue;
      for (const w of valueOf(f).toLowerCase().split(/[^a-z0-9-]+/)) if (w.length >= 3) words.add(w);
    }
  }
  vocabulary = [...words].sort();
  const fd = fs.openSync(options.out, 'w');
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  const flush = () => {
    const buf = Buffer.from(pending.join(''), 'utf8');
    fs.writeSync(fd, buf);
    bytes += buf.length;
    pending = [];
    pendingLength = 0;
  };
  for (let n = 0; n < options.records; n++) {
    const text = copyRecord(source[n % source.length], n, Math.floor(n / source.length), options);
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 1 << 20) flush();
  }
  flush();
  fs.closeSync(fd);
  console.log(`Wrote ${options.records} records (${source.length} real records repeated) to ${options.out}: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
}

main();
