/**
 * Identification workflows: import a search's file (owners), preview it (owners), and read the
 * searches and records of a review (members), with where each record stands in screening, as
 * pages or as RIS/CSV exports. Shared by the Import and Export pages, the JSON API and scripts.
 */
import { countDuplicatesRemoved, getRecord, listRecords, type RecordFilters } from '../../db/records';
import { recordExportBatches } from '../../db/record-export';
import { toRecordCsv, toRisRecord } from '../../domain/export/records';
import { recordStandings } from '../../db/record-screening';
import { getStageSetting } from '../../db/screening';
import { STAGES } from '../../schemas/screening';
import type { Stage } from '../../domain/protocol/types';
import { getSearch, listSearches } from '../../db/searches';
import { AppError, forbidden } from '../../errors';
import { importFieldsSchema, previewFieldsSchema, recordQuerySchema } from '../../schemas/import';
import { isUuid, requireReviewRole } from '../permissions';
import type { ByteSource } from './byte-source';
import { runImport, type ImportOptions } from './import-search';
import { findImportJob, withImportTracking } from './import-progress';
import { buildImportPreview } from './preview-import';

export { blobSource, bytesSource, fileSource, type ByteSource } from './byte-source';
export type { ImportResult } from './import-search';
export type { ImportPreview } from './preview-import';
export type { ImportProgress } from './scan-file';
export type { ImportProblem } from './file-problems';
export type { ImportJob } from './import-progress';
export { withImportUpload } from './read-upload';
export { maxUploadBytes } from './scan-file';

export interface UploadInput {
  file: ByteSource;
  /** Form fields or typed values, parsed with lib/schemas/import.ts. */
  fields: unknown;
}

/** With an `importId` field, progress can be followed with getImportProgress while this runs. */
export async function importSearch(userId: string, reviewId: string, upload: UploadInput, options: ImportOptions = {}) {
  await requireReviewRole(reviewId, userId, 'owner');
  const fields = importFieldsSchema.parse(upload.fields);
  const job = { importId: fields.importId, reviewId, userId, kind: 'import' as const, totalBytes: upload.file.size };
  return withImportTracking(job, options.onProgress, (onProgress) => runImport(reviewId, userId, upload.file, fields, { ...options, onProgress }), (r) => r.id);
}

export async function previewImport(userId: string, reviewId: string, upload: UploadInput, options: ImportOptions = {}) {
  await requireReviewRole(reviewId, userId, 'owner');
  const fields = previewFieldsSchema.parse(upload.fields);
  const job = { importId: fields.importId, reviewId, userId, kind: 'preview' as const, totalBytes: upload.file.size };
  return withImportTracking(job, options.onProgress, (onProgress) => buildImportPreview(reviewId, upload.file, fields, { ...options, onProgress }));
}

/** Progress of an import or preview that named itself with `importId` (owners, as for importing). */
export async function getImportProgress(userId: string, reviewId: string, importId: string) {
  await requireReviewRole(reviewId, userId, 'owner');
  const job = isUuid(importId) ? findImportJob(reviewId, importId) : undefined;
  if (!job) throw new AppError('not_found', 'Import not found: it has not started yet, finished more than 10 minutes ago, or belongs to another review.');
  return job;
}

/** Every search with its PRISMA identification counts, and the review's totals. */
export async function listReviewSearches(userId: string, reviewId: string) {
  await requireReviewRole(reviewId, userId, 'viewer');
  const [searches, duplicatesRemoved] = await Promise.all([listSearches(reviewId), countDuplicatesRemoved(reviewId)]);
  const sum = (pick: (s: (typeof searches)[number]) => number) => searches.reduce((n, s) => n + pick(s), 0);
  const identified = sum((s) => s.identified);
  return {
    searches,
    totals: {
      identified,
      identifiedFromDatabases: sum((s) => (s.sourceType === 'database' ? s.identified : 0)),
      identifiedFromRegisters: sum((s) => (s.sourceType === 'register' ? s.identified : 0)),
      identifiedFromOtherSources: sum((s) => (s.sourceType === 'other' ? s.identified : 0)),
      duplicatesRemoved,
      problemsSkipped: sum((s) => s.problemsSkipped),
      /** Records left for title/abstract screening (other removal reasons do not exist yet). */
      afterDuplicatesRemoved: identified - duplicatesRemoved,
    },
  };
}

/** One search with its counts and the problems listed when it was imported. */
export async function getReviewSearch(userId: string, reviewId: string, searchId: string) {
  await requireReviewRole(reviewId, userId, 'viewer');
  if (!isUuid(searchId)) throw new AppError('not_found', 'Search not found.');
  return getSearch(reviewId, searchId);
}

const BLINDED_OUTCOMES = 'Screening outcomes at this stage are shown to adjudicators while it is blinded.';

/**
 * Stages whose outcomes the caller may see (decision 005): adjudicators always; other members once
 * the owner has unblinded the stage, since an outcome (a conflict, an exclusion) tells how the
 * other reviewers decided.
 */
async function stagesWithVisibleOutcomes(reviewId: string, access: { canAdjudicate: boolean }): Promise<Stage[]> {
  if (access.canAdjudicate) return [...STAGES];
  const settings = await Promise.all(STAGES.map((s) => getStageSetting(reviewId, s)));
  return STAGES.filter((_, i) => !settings[i].isBlinded);
}

/**
 * Records of a review, each with where it stands at every stage whose outcomes the caller may see
 * (stagesWithVisibleOutcomes); `stage` + `outcome` filter on that standing.
 */
export async function listReviewRecords(userId: string, reviewId: string, query: unknown = {}) {
  const { filters, paging, visible } = await recordQuery(userId, reviewId, query);
  const page = await listRecords(reviewId, filters, paging);
  const standings = await recordStandings(reviewId, page.items.map((r) => r.id), visible, removedIds(page.items));
  return { ...page, items: page.items.map((r) => ({ ...r, screening: standings.get(r.id)! })), ...paging };
}

/**
 * Every record matching the list's filters as a CSV or RIS file (lib/domain/export/records.ts),
 * streamed a batch at a time; who may see which outcomes is the list's rule.
 */
export async function exportReviewRecords(userId: string, reviewId: string, query: unknown = {}) {
  const { filters, visible, format, stage, outcome } = await recordQuery(userId, reviewId, query);
  const kind = format === 'ris' ? 'ris' : 'csv';
  const batches = recordExportBatches(reviewId, filters);
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value: rows, done } = await batches.next();
      if (done) {
        if (first && kind === 'csv') controller.enqueue(encoder.encode(toRecordCsv([], true)));
        controller.close();
        return;
      }
      const standings = await recordStandings(reviewId, rows.map((r) => r.id), visible, removedIds(rows));
      const records = rows.map((r) => ({ ...r, screening: standings.get(r.id)! }));
      controller.enqueue(encoder.encode(kind === 'csv' ? toRecordCsv(records, first) : records.map(toRisRecord).join('')));
      first = false;
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const fileName = `records-${stage && outcome ? `${stage}-${outcome}` : 'all'}.${kind}`;
  return { stream, fileName, contentType: kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-research-info-systems; charset=utf-8' };
}

/** The stages whose outcomes the caller may see, list and export (the Export page offers those downloads). */
export async function stagesWithOutcomesFor(userId: string, reviewId: string): Promise<Stage[]> {
  return stagesWithVisibleOutcomes(reviewId, await requireReviewRole(reviewId, userId, 'viewer'));
}

/** The record list's query, checked: filters, paging, and the stages whose outcomes the caller may see. */
async function recordQuery(userId: string, reviewId: string, query: unknown) {
  const access = await requireReviewRole(reviewId, userId, 'viewer');
  const { limit, offset, stage, outcome, format, ...rest } = recordQuerySchema.parse(query);
  const visible = await stagesWithVisibleOutcomes(reviewId, access);
  if (stage && outcome && !visible.includes(stage)) throw forbidden(BLINDED_OUTCOMES);
  const filters: RecordFilters = { ...rest, standing: stage && outcome ? { stage, outcome } : undefined };
  return { filters, paging: { limit, offset }, visible, format, stage, outcome };
}

const removedIds = (rows: Array<{ id: string; removedReason: string | null }>) => new Set(rows.filter((r) => r.removedReason).map((r) => r.id));

export async function getReviewRecord(userId: string, reviewId: string, recordId: string) {
  const access = await requireReviewRole(reviewId, userId, 'viewer');
  if (!isUuid(recordId)) throw new AppError('not_found', 'Record not found.');
  const [record, visible] = await Promise.all([getRecord(reviewId, recordId), stagesWithVisibleOutcomes(reviewId, access)]);
  const standings = await recordStandings(reviewId, [record.id], visible, new Set(record.removedReason ? [record.id] : []));
  return { ...record, screening: standings.get(record.id)! };
}
