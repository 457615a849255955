/**
 * One streaming pass over an uploaded file: bytes -> text -> detected format -> parsed records,
 * handed to the caller a chunk at a time. Decoding follows lib/domain/formats/decode.ts (UTF-8,
 * UTF-16 with a byte order mark, windows-1252 only when the bytes are not valid UTF-8, binary
 * refused), done incrementally so a 300 MB export is never one string. File-level problems
 * (empty, binary, not a bibliographic export, truncated, unreadable XML) end the pass with an
 * AppError naming the file and line; record-level problems are the caller's business.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { CsvMapping } from '../../domain/formats/csv';
import { createCsvParser, type CsvStreamingParser } from '../../domain/formats/csv';
import { decodeText } from '../../domain/formats/decode';
import { detectFormat } from '../../domain/formats/detect-format';
import { createMedlineParser } from '../../domain/formats/medline';
import { createPubmedXmlParser } from '../../domain/formats/pubmed-xml';
import { createRisParser } from '../../domain/formats/ris';
import type { BibFormat, ParsedRecord, ParseProblem, StreamingParser } from '../../domain/records/bib-record';
import type { ByteSource } from './byte-source';
import { fileProblem, fileRejected } from './file-problems';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const FORMAT_LABELS: Record<BibFormat, string> = {
  medline: 'PubMed MEDLINE (.nbib)',
  'pubmed-xml': 'PubMed XML',
  ris: 'RIS',
  csv: 'CSV/TSV',
};

/** Enough text to tell the formats apart (detectFormat reads the first few KB). */
const SAMPLE_CHARS = 64 * 1024;

export interface ReadOptions {
  /** Known from an earlier pass; otherwise found from the bytes. */
  encoding?: TextEncoding;
  csvMapping?: CsvMapping;
  /** The format the user said the file is: content of another format is refused. */
  expectedFormat?: BibFormat;
  hash?: boolean;
  onProgress?: (bytesRead: number) => void;
  /** Called once the format is detected, before any record is handed out. */
  onFormat?: (format: BibFormat) => void | Promise<void>;
}

export interface ReadOutcome {
  format: BibFormat;
  formatReason: string;
  encoding: TextEncoding;
  /** Parser problems and the decoder's warning, in file order per source. */
  problems: ParseProblem[];
  recordsRead: number;
  sha256?: string;
  csv?: { header: string[]; mapping: CsvMapping; isSuggested: boolean };
}

export async function readRecords(source: ByteSource, options: ReadOptions, onRecords: (records: ParsedRecord[]) => void | Promise<void>): Promise<ReadOutcome> {
  if (source.size === 0) throw fileRejected(source.name, [fileProblem('empty-file', `${source.name} is empty (0 bytes)`)]);
  const encoding = options.encoding ?? (await detectEncoding(source));
  return readPass(source, { ...options, encoding }, onRecords);
}

/**
 * A quick pass over the bytes before any record is handed out: byte order marks, else UTF-8 when
 * every byte sequence is valid UTF-8 (checked natively, chunk by chunk), else windows-1252. Knowing
 * the encoding first means records handed out are never taken back and read again.
 */
async function detectEncoding(source: ByteSource): Promise<TextEncoding> {
  let carry: Uint8Array | undefined;
  let first = true;
  for await (const chunk of source.chunks()) {
    if (first) {
      first = false;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
      if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
    }
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUtf8Prefix(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return 'windows-1252';
    carry = cut < bytes.length ? Uint8Array.from(bytes.subarray(cut)) : undefined;
  }
  return carry && !isUtf8(carry) ? 'windows-1252' : 'utf-8';
}

/** Length of `b` without a UTF-8 sequence cut off at its end (it continues in the next chunk). */
function completeUtf8Prefix(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back];
    if ((c & 0xc0) === 0x80) continue;
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

async function readPass(source: ByteSource, options: ReadOptions, onRecords: (records: ParsedRecord[]) => void | Promise<void>): Promise<ReadOutcome> {
  const hash = options.hash ? createHash('sha256') : undefined;
  let decode: ((bytes?: Uint8Array) => string) | undefined;
  let encoding = options.encoding;
  let sample = '';
  let parser: StreamingParser | undefined;
  let format: BibFormat | undefined;
  let formatReason = '';
  let bytesRead = 0;
  let recordsRead = 0;
  let seenText = false;

  const feed = async (text: string) => {
    if (!seenText && /\S/.test(text)) seenText = true;
    if (!parser) {
      sample += text;
      if (sample.length < SAMPLE_CHARS) return;
      text = sample;
      sample = '';
      ({ parser, format, formatReason } = startParser(source.name, text, options));
      await options.onFormat?.(format);
    }
    await deliver(parser.push(text));
    const fatal = parser.problems.find((p) => p.severity === 'error');
    if (fatal) throw fileRejected(source.name, parser.problems);
  };
  const deliver = async (records: ParsedRecord[]) => {
    if (records.length === 0) return;
    recordsRead += records.length;
    await onRecords(records);
  };

  for await (const chunk of source.chunks()) {
    if (!decode) {
      ({ decode, encoding } = startDecoder(source.name, chunk, encoding));
    }
    hash?.update(chunk);
    bytesRead += chunk.length;
    await feed(decode(chunk));
    options.onProgress?.(bytesRead);
    // Let other requests run between chunks: parsing a big file must not starve the server.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!decode) throw fileRejected(source.name, [fileProblem('empty-file', `${source.name} is empty (0 bytes)`)]);
  await feed(decode());
  if (!seenText) throw fileRejected(source.name, [fileProblem('empty-file', `${source.name} is empty: it holds only blank lines`)]);
  if (!parser) {
    ({ parser, format, formatReason } = startParser(source.name, sample, options));
    await options.onFormat?.(format);
  }
  if (sample) await deliver(parser.push(sample));
  await deliver(parser.end());

  const problems = [...parser.problems];
  if (encoding === 'windows-1252') problems.unshift(fallbackWarning(source.name));
  if (problems.some((p) => p.severity === 'error')) throw fileRejected(source.name, problems);
  if (recordsRead === 0) {
    throw fileRejected(source.name, [fileProblem('no-records', `${source.name} holds no records: it is a ${FORMAT_LABELS[format!]} file without any reference in it`), ...problems]);
  }
  const csv = format === 'csv' ? csvInfo(parser as CsvStreamingParser, !options.csvMapping) : undefined;
  return { format: format!, formatReason, encoding: encoding!, problems, recordsRead, sha256: hash?.digest('hex'), csv };
}

function startParser(fileName: string, sample: string, options: ReadOptions): { parser: StreamingParser; format: BibFormat; formatReason: string } {
  const detected = detectFormat(sample.slice(0, SAMPLE_CHARS), fileName);
  if (!detected.format) throw fileRejected(fileName, [fileProblem('not-a-bibliographic-file', detected.reason)]);
  if (options.expectedFormat && options.expectedFormat !== detected.format) {
    throw fileRejected(fileName, [
      fileProblem('wrong-format', `${fileName} was sent as ${FORMAT_LABELS[options.expectedFormat]} but its content is ${FORMAT_LABELS[detected.format]}`),
    ]);
  }
  const parser =
    detected.format === 'medline' ? createMedlineParser()
    : detected.format === 'pubmed-xml' ? createPubmedXmlParser()
    : detected.format === 'ris' ? createRisParser()
    : createCsvParser(options.csvMapping);
  return { parser, format: detected.format, formatReason: detected.reason };
}

function csvInfo(parser: CsvStreamingParser, isSuggested: boolean) {
  return { header: parser.header ?? [], mapping: parser.mapping ?? { fields: {}, unmapped: [] }, isSuggested };
}

function fallbackWarning(fileName: string): ParseProblem {
  return {
    severity: 'warning',
    code: 'encoding-fallback',
    line: 1,
    message: `${fileName} is not valid UTF-8; it was read as windows-1252 (Western European). Check accented characters, or export the file again as UTF-8`,
  };
}

/** Picks the decoder from the first bytes (byte order mark) and refuses binary files, as decodeText does. */
function startDecoder(fileName: string, first: Uint8Array, known: TextEncoding | undefined): { decode: (bytes?: Uint8Array) => string; encoding: TextEncoding } {
  const sniff = decodeText(first.subarray(0, 4096), fileName);
  if ('problem' in sniff && sniff.problem.code === 'binary-file') {
    throw fileRejected(fileName, [{ ...sniff.problem, line: 1 }]);
  }
  const encoding: TextEncoding =
    known ?? (first[0] === 0xff && first[1] === 0xfe ? 'utf-16le' : first[0] === 0xfe && first[1] === 0xff ? 'utf-16be' : 'utf-8');
  if (encoding === 'windows-1252') return { decode: (bytes) => (bytes ? decodeWindows1252(bytes) : ''), encoding };
  // The encoding was checked first, so UTF-8 here decodes without replacement characters.
  const decoder = new TextDecoder(encoding);
  return { encoding, decode: (bytes) => (bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode()) };
}

/**
 * windows-1252 bytes 0x80-0x9F (WHATWG index); the rest equals ISO-8859-1. The same table as
 * lib/domain/formats/decode.ts, which keeps its decoder private; Node 20's TextDecoder would
 * silently decode ISO-8859-1 instead (nodejs/node#56542).
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return /[\x80-\x9f]/.test(latin1) ? latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : latin1;
}
