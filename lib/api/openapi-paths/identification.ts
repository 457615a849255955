/** OpenAPI paths for identification: searches (imports), import preview, records and duplicates. */
import { CSV_FIELDS, duplicateDecisionSchema, IMPORT_FORMATS, SCREENING_OUTCOMES, SOURCE_TYPES } from '../../schemas/import';
import { listOf, pagingParams, type Operation, type Paths } from '../openapi-common';

const id = { type: 'string', format: 'uuid' };
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const reviewId = { name: 'reviewId', in: 'path' as const, schema: id };

const problem = {
  type: 'object',
  description: 'Something wrong in the file, with the line where it starts.',
  properties: { line: int, severity: { type: 'string', enum: ['error', 'warning'] }, code: str, message: str },
};
const tierCounts = { type: 'object', properties: { exact: int, likely: int } };
const duplicateCounts = {
  type: 'object',
  properties: {
    exact: { type: 'integer', description: 'Exact pairs (same PMID, or same DOI and title): merged automatically' },
    likely: { type: 'integer', description: 'Likely pairs, pending a person on the Duplicates page' },
    withinFile: tierCounts,
    againstEarlierImports: tierCounts,
    newRecordsRemoved: { type: 'integer', description: 'Records of this file linked to a survivor' },
    duplicatesRemovedChange: { type: 'integer', description: 'Change of the review\'s "duplicate records removed" (PRISMA)' },
  },
};
const author = { type: 'object', properties: { name: str, family: str, given: str, isCollective: { type: 'boolean' } } };
const searchProps = {
  id,
  source: str,
  sourceType: { type: 'string', enum: SOURCE_TYPES },
  query: str,
  dateRun: { type: ['string', 'null'], format: 'date' },
  notes: str,
  fileName: str,
  fileSize: int,
  fileSha256: str,
  format: { type: 'string', enum: IMPORT_FORMATS },
  identified: { type: 'integer', description: 'Records of this search (PRISMA: records identified from this source)' },
  duplicatesRemoved: { type: 'integer', description: 'Records of this search linked to a survivor' },
  problemsSkipped: int,
  createdAt: { type: 'string', format: 'date-time' },
  createdBy: { type: 'object', properties: { id, name: str } },
};
const search = { type: 'object', properties: searchProps };
const importedSearch = {
  type: 'object',
  properties: { ...searchProps, recordsRead: int, recordsImported: int, duplicates: duplicateCounts, problems: { type: 'array', items: problem } },
};
const stageStanding = {
  type: ['object', 'null'],
  description: 'null: the record has not reached this stage (full text before passing title/abstract) or was removed before screening',
  properties: {
    outcome: { type: 'string', enum: [...SCREENING_OUTCOMES] },
    decisions: { type: 'integer', description: 'Independent decisions recorded' },
    reason: {
      type: ['object', 'null'],
      description: 'Full text, excluded: the reason that reports the exclusion (the resolution\'s, else the reviewers\' agreed one); kind not_retrieved is a report not retrieved',
      properties: { id, label: str, kind: { type: 'string', enum: ['standard', 'not_retrieved'] } },
    },
  },
};
const screening = {
  type: 'object',
  description: 'Where the record stands at each stage whose outcomes you may see: adjudicators always, other members once the stage is unblinded (a blinded stage\'s key is absent)',
  properties: { title_abstract: stageStanding, full_text: stageStanding },
};
const recordSummary = {
  type: 'object',
  properties: {
    id, searchId: id, position: int, sourceLine: { type: ['integer', 'null'] }, pmid: nullableStr, doi: nullableStr, title: str,
    authors: { type: 'array', items: author }, year: { type: ['integer', 'null'] }, journal: nullableStr, hasAbstract: { type: 'boolean' },
    duplicateOfId: { type: ['string', 'null'], format: 'uuid' }, removedReason: { type: ['string', 'null'], enum: ['duplicate', 'automation', 'other', null] },
    screening,
  },
};
const recordDetail = {
  type: 'object',
  properties: {
    ...recordSummary.properties,
    abstract: { type: 'string', description: 'Structured abstracts keep their labels, one section per paragraph' },
    titleVernacular: nullableStr, publicationDate: nullableStr, journalAbbrev: nullableStr, volume: nullableStr, issue: nullableStr, pages: nullableStr,
    keywords: { type: 'array', items: str }, meshTerms: { type: 'array', items: str }, publicationTypes: { type: 'array', items: str },
    language: nullableStr, issn: nullableStr, url: nullableStr, sourceDatabase: nullableStr,
    raw: { type: 'string', description: 'The record exactly as it appeared in the file' },
    search: { type: 'object', properties: { id, source: str, sourceType: str, fileName: str } },
    survivorId: { ...id, description: 'The record screened in this one\'s place (itself when not removed)' },
    duplicates: { type: 'array', items: { type: 'object', properties: { id, searchId: id, title: str } } },
    pairs: { type: 'array', items: { type: 'object', properties: { id, otherRecordId: id, tier: str, status: str, reasons: { type: 'array', items: str } } } },
  },
};
const pairRecord = {
  type: 'object',
  properties: {
    id, searchId: id, source: str, position: int, title: str, authors: { type: 'array', items: author }, year: { type: ['integer', 'null'] },
    journal: nullableStr, journalAbbrev: nullableStr, volume: nullableStr, issue: nullableStr, pages: nullableStr, doi: nullableStr,
    pmid: nullableStr, abstract: str, duplicateOfId: { type: ['string', 'null'] }, removedReason: nullableStr,
  },
};
const pair = {
  type: 'object',
  properties: {
    id,
    tier: { type: 'string', enum: ['exact', 'likely'] },
    status: { type: 'string', enum: ['pending', 'merged', 'not_duplicate'] },
    reasons: { type: 'array', items: str, description: 'What matched, e.g. "doi", "title 0.97", "authors 0.92"' },
    scores: { type: 'object', additionalProperties: { type: 'number' } },
    createdAt: { type: 'string', format: 'date-time' },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    decidedBy: { type: ['object', 'null'], properties: { id, name: str } },
    recordA: pairRecord,
    recordB: pairRecord,
  },
};

const uploadForm = {
  contentType: 'multipart/form-data',
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'PubMed MEDLINE (.nbib), PubMed XML, RIS or CSV/TSV; the format is detected from the content' },
      source: { type: 'string', description: 'Database, register or other source, e.g. PubMed (required to import)' },
      sourceType: { type: 'string', enum: SOURCE_TYPES, default: 'database' },
      query: { type: 'string', description: 'The search string as run' },
      dateRun: { type: 'string', format: 'date', description: 'YYYY-MM-DD' },
      notes: str,
      skipProblemRecords: { type: 'string', enum: ['true', 'false'], default: 'false', description: 'Import without the records that have neither a title nor an abstract' },
      csvMapping: { type: 'string', description: `JSON: {"fields": {"title": "Title", ...}}; fields: ${CSV_FIELDS.join(', ')}` },
      format: { type: 'string', enum: IMPORT_FORMATS, description: 'Optional: refuse the file if its content is another format' },
      importId: { type: 'string', format: 'uuid', description: 'Optional: a UUID you choose; while the request runs, GET /imports/{importId} reports the server\'s progress' },
    },
  },
};

const importJob = {
  type: 'object',
  properties: {
    id,
    reviewId: id,
    kind: { type: 'string', enum: ['import', 'preview'] },
    phase: { type: 'string', enum: ['reading', 'deduplicating', 'saving', 'done', 'failed'] },
    bytesRead: { type: 'integer', description: 'Bytes of the file read so far' },
    totalBytes: int,
    records: { type: 'integer', description: 'reading: records read; deduplicating: records compared; saving: records saved' },
    totalRecords: { type: 'integer', description: 'Records to save, once reading has ended' },
    searchId: { ...id, description: 'The imported search, once done' },
    error: { type: 'object', properties: { code: str, message: str }, description: 'Once failed: the same error the upload\'s request answers' },
    startedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const fileErrors: Operation['responses'] = {
  '413': { description: 'Over the upload limit (SIEVE_MAX_UPLOAD_MB, 250 MB by default); nothing stored' },
  '422': { description: 'The file cannot be imported (empty, binary, not a bibliographic export, truncated, records without title and abstract not skipped...): the message names the file and line; `details.problems` lists every problem. Nothing stored.' },
};

const preview = {
  type: 'object',
  properties: {
    fileName: str, fileSize: int, format: { type: 'string', enum: IMPORT_FORMATS }, formatLabel: str, formatReason: str, encoding: str,
    recordsRead: int, recordsImportable: int, problemRecords: int, problems: { type: 'array', items: problem }, duplicates: duplicateCounts,
    csv: { type: 'object', properties: { header: { type: 'array', items: str }, mapping: { type: 'object', additionalProperties: str }, unmappedColumns: { type: 'array', items: str }, isSuggested: { type: 'boolean' } } },
    sample: { type: 'array', items: { type: 'object' } },
  },
};

const boolParam = (name: string, description: string) => ({ name, in: 'query' as const, description, schema: { type: 'boolean' } });

export const identificationPaths: Paths = {
  '/api/v1/reviews/{reviewId}/searches': {
    get: {
      summary: 'Searches with their identification counts (PRISMA 2020 / PRISMA-S), and review totals',
      tags: ['identification'],
      params: [reviewId, ...pagingParams],
      responses: { '200': { description: 'A page of searches, plus `totals`', schema: { ...listOf(search), properties: { ...listOf(search).properties, totals: { type: 'object' } } } } },
    },
    post: {
      summary: 'Import a search: its export file and metadata, all records or none (owners only)',
      description: 'Deduplicates within the file and against earlier imports: exact duplicates are linked automatically, likely ones wait on the Duplicates page.',
      tags: ['identification'],
      params: [reviewId],
      body: uploadForm,
      responses: { '201': { description: 'The search as stored', schema: importedSearch }, ...fileErrors },
    },
  },
  '/api/v1/reviews/{reviewId}/searches/{searchId}': {
    get: {
      summary: 'One search, with the problems listed at import',
      tags: ['identification'],
      params: [reviewId, { name: 'searchId', in: 'path', schema: id }],
      responses: { '200': { description: 'The search', schema: { type: 'object', properties: { ...searchProps, problems: { type: 'array', items: problem } } } } },
    },
  },
  '/api/v1/reviews/{reviewId}/imports/preview': {
    post: {
      summary: 'What importing a file would do, without storing anything (owners only)',
      tags: ['identification'],
      params: [reviewId],
      body: uploadForm,
      responses: { '200': { description: 'Records read, problems, duplicates, format, CSV mapping', schema: preview }, ...fileErrors },
    },
  },
  '/api/v1/reviews/{reviewId}/imports/{importId}': {
    get: {
      summary: 'Server-side progress of an import or preview sent with this importId (owners only)',
      description: 'Poll while the POST runs (it still answers with the result). 404 until the server has received the whole upload, and 10 minutes after the job ended.',
      tags: ['identification'],
      params: [reviewId, { name: 'importId', in: 'path', schema: id }],
      responses: { '200': { description: 'The job\'s phase and counts', schema: importJob } },
    },
  },
  '/api/v1/reviews/{reviewId}/records': {
    get: {
      summary: 'Records of the review, paged and filtered',
      tags: ['identification'],
      params: [
        reviewId,
        ...pagingParams,
        { name: 'searchId', in: 'query', description: 'Only records of this search', schema: id },
        { name: 'q', in: 'query', description: 'Text in the title or abstract (case-insensitive)' },
        { name: 'year', in: 'query', schema: { type: 'integer' } },
        boolParam('isDuplicate', 'true: only records removed as duplicates; false: the others'),
        boolParam('hasAbstract', 'Only records with (true) or without (false) an abstract'),
        { name: 'stage', in: 'query', description: 'The stage of `outcome`', schema: { type: 'string', enum: ['title_abstract', 'full_text'] } },
        { name: 'outcome', in: 'query', description: 'Only records with this outcome at `stage` (e.g. stage=full_text&outcome=included: the included reports). 403 for non-adjudicators while the stage is blinded', schema: { type: 'string', enum: [...SCREENING_OUTCOMES] } },
        {
          name: 'format', in: 'query',
          description: 'json: a page. csv or ris: EVERY matching record as a download (paging ignored), with the screening standing you may see (CSV columns; RIS N1 note); RIS carries the PMID in AN',
          schema: { type: 'string', enum: ['json', 'csv', 'ris'], default: 'json' },
        },
      ],
      responses: { '200': { description: 'A page of records; with format=csv, text/csv; with format=ris, application/x-research-info-systems', schema: listOf(recordSummary) } },
    },
  },
  '/api/v1/reviews/{reviewId}/records/{recordId}': {
    get: {
      summary: 'One record with every field, its raw text, its search and its duplicate links',
      tags: ['identification'],
      params: [reviewId, { name: 'recordId', in: 'path', schema: id }],
      responses: { '200': { description: 'The record', schema: recordDetail } },
    },
  },
  '/api/v1/reviews/{reviewId}/duplicates': {
    get: {
      summary: 'Duplicate pairs with both records side by side',
      tags: ['duplicates'],
      params: [
        reviewId,
        ...pagingParams,
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'merged', 'not_duplicate'] } },
        { name: 'tier', in: 'query', schema: { type: 'string', enum: ['exact', 'likely'] } },
      ],
      responses: { '200': { description: 'A page of pairs, plus `counts` by status', schema: listOf(pair) } },
    },
  },
  '/api/v1/reviews/{reviewId}/duplicates/{pairId}': {
    post: {
      summary: 'Decide a pair: merge (keep one), not_duplicate, or undo (owners only)',
      description: 'merge keeps `keepRecordId` (default: the record with screening decisions, else the most complete) and links the other to it; nothing is deleted. undo restores the record a merge removed.',
      tags: ['duplicates'],
      params: [reviewId, { name: 'pairId', in: 'path', schema: id }],
      body: duplicateDecisionSchema,
      responses: { '200': { description: 'The pair after the decision', schema: pair }, '409': { description: 'Not allowed from the pair\'s status, or would remove a record with screening decisions' } },
    },
  },
};
