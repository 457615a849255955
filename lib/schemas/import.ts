/**
 * Identification input (searches, imports, records, duplicates), shared by the Import and
 * Duplicates pages, their server actions and the JSON API. Multipart form fields arrive as
 * strings, so booleans and JSON are parsed from their text forms here, once.
 */
import { z } from 'zod';
import { pagingSchema } from './review';
import { stageSchema } from './screening';

/** Sources offered in the form (PRISMA-S item 1: name each database, register and other source). */
export const SUGGESTED_SOURCES = [
  'PubMed', 'Embase', 'Scopus', 'Web of Science', 'PsycINFO', 'CINAHL', 'Cochrane Library',
  'ClinicalTrials.gov', 'WHO ICTRP', 'Google Scholar', 'Citation searching', 'Other',
] as const;

export const SOURCE_TYPES = ['database', 'register', 'other'] as const;
export const IMPORT_FORMATS = ['medline', 'pubmed-xml', 'ris', 'csv'] as const;
export const CSV_FIELDS = [
  'title', 'abstract', 'authors', 'year', 'publicationDate', 'journal', 'journalAbbrev', 'volume', 'issue',
  'pages', 'startPage', 'endPage', 'doi', 'pmid', 'keywords', 'url', 'language', 'issn', 'sourceDatabase', 'citation',
] as const;

// PostgreSQL text cannot hold NUL; a page's query string reaches the schema without the API's check.
const NO_NUL = /^[^\u0000]*$/;
const NUL_MESSAGE = 'Search text cannot contain a NUL character.';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const booleanText = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])]),
).transform((v) => v === true || v === 'true' || v === '1' || v === 'on' || v === 'yes');

/** A calendar date written YYYY-MM-DD (the date the search was run), not after tomorrow (time zones). */
export const dateRunSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD, for example 2024-03-15.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 1950;
  }, 'That is not a real date (YYYY-MM-DD, year 1950 or later).')
  .refine((s) => new Date(`${s}T00:00:00Z`).getTime() <= Date.now() + 36 * 3600 * 1000, 'The date a search was run cannot be in the future.');

export const csvMappingSchema = z.object({
  /** Field -> column name exactly as in the header row. */
  fields: z.partialRecord(z.enum(CSV_FIELDS), z.string().min(1).max(300)),
});
export type CsvMappingInput = z.infer<typeof csvMappingSchema>;

const csvMappingText = z.preprocess((v, ctx) => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'csvMapping must be JSON like {"fields": {"title": "Title", "abstract": "Abstract"}}.' });
    return z.NEVER;
  }
}, csvMappingSchema);

/** Everything sent with an uploaded file, as form fields (strings) or already-typed values. */
export const importFieldsSchema = z.object({
  source: z.string().trim().min(1, 'Name the database, register or other source this file came from.').max(200, 'Use at most 200 characters.'),
  sourceType: z.enum(SOURCE_TYPES, { message: 'sourceType must be database, register or other.' }).default('database'),
  query: z.string().max(50_000, 'Use at most 50,000 characters for the query.').default(''),
  dateRun: z.preprocess(emptyToUndefined, dateRunSchema.optional()),
  notes: z.string().max(10_000, 'Use at most 10,000 characters for notes.').default(''),
  skipProblemRecords: z.preprocess(emptyToUndefined, booleanText.default(false)),
  csvMapping: z.preprocess(emptyToUndefined, csvMappingText.optional()),
  /** Optional: the format the user says the file is; a file whose content is another format is refused. */
  format: z.preprocess(emptyToUndefined, z.enum(IMPORT_FORMATS, { message: 'format must be medline, pubmed-xml, ris or csv.' }).optional()),
  /** Optional: a UUID the caller chose, under which GET /imports/{importId} reports the server's progress. */
  importId: z.preprocess(emptyToUndefined, z.uuid({ message: 'importId must be a UUID.' }).optional()),
});
export type ImportFields = z.infer<typeof importFieldsSchema>;

/** The preview needs no source yet: the user may look at a file before naming its search. */
export const previewFieldsSchema = importFieldsSchema.extend({
  source: z.string().trim().max(200).default(''),
});
export type PreviewFields = z.infer<typeof previewFieldsSchema>;

const optionalBoolean = z.preprocess(emptyToUndefined, booleanText.optional());

/** Where a record stands at a stage: waiting for decisions, decisions disagree, or settled either way. */
export const SCREENING_OUTCOMES = ['pending', 'conflict', 'included', 'excluded'] as const;

export const recordQuerySchema = pagingSchema.extend({
  searchId: z.preprocess(emptyToUndefined, z.uuid('searchId must be a search id.').optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(500, 'Search text: at most 500 characters.').regex(NO_NUL, NUL_MESSAGE).optional()),
  year: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(2999).optional()),
  isDuplicate: optionalBoolean,
  hasAbstract: optionalBoolean,
  /** With `outcome`: only records with that screening outcome at this stage. */
  stage: z.preprocess(emptyToUndefined, stageSchema.optional()),
  outcome: z.preprocess(emptyToUndefined, z.enum(SCREENING_OUTCOMES, { message: 'outcome must be pending, conflict, included or excluded.' }).optional()),
  /** json (a page), or csv / ris: every matching record as a file (paging ignored). */
  format: z.preprocess(emptyToUndefined, z.enum(['json', 'csv', 'ris'], { message: 'format must be json, csv or ris.' }).default('json')),
}).refine((q) => !q.outcome || q.stage, { message: 'Name the stage of the outcome: stage=title_abstract or stage=full_text.', path: ['stage'] });
export type RecordQuery = z.infer<typeof recordQuerySchema>;

export const DUPLICATE_STATUSES = ['pending', 'merged', 'not_duplicate'] as const;

export const duplicateQuerySchema = pagingSchema.extend({
  status: z.preprocess(emptyToUndefined, z.enum(DUPLICATE_STATUSES, { message: 'status must be pending, merged or not_duplicate.' }).optional()),
  tier: z.preprocess(emptyToUndefined, z.enum(['exact', 'likely'], { message: 'tier must be exact or likely.' }).optional()),
});
export type DuplicateQuery = z.infer<typeof duplicateQuerySchema>;

export const duplicateDecisionSchema = z.object({
  action: z.enum(['merge', 'not_duplicate', 'undo'], { message: 'action must be merge, not_duplicate or undo.' }),
  /** For merge: the record to keep for screening; by default the one with screening decisions, else the most complete. */
  keepRecordId: z.uuid('keepRecordId must be the id of one of the two records.').optional(),
});
export type DuplicateDecisionInput = z.infer<typeof duplicateDecisionSchema>;
