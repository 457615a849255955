/**
 * Everything an import would do, without writing: records read, problems with their lines,
 * duplicates within the file and against earlier imports, the detected format and, for CSV, the
 * column mapping (suggested or given) with the columns left unmapped, so the user confirms it
 * before anything is stored (never a silent guess).
 */
import { listDedupCandidateStates } from '../../db/records';
import type { BibFormat } from '../../domain/records/bib-record';
import type { PreviewFields } from '../../schemas/import';
import type { ByteSource } from './byte-source';
import type { ImportProblem } from './file-problems';
import { loadEarlierRecords, openDedupSession } from './dedup-against-review';
import type { DuplicateCounts, DuplicatePlan } from './plan-duplicates';
import { FORMAT_LABELS, type TextEncoding } from './read-records';
import { scanFile, type ImportProgress, type RecordPreview, type ScannedFile } from './scan-file';

export interface ImportPreview {
  fileName: string;
  fileSize: number;
  format: BibFormat;
  formatLabel: string;
  formatReason: string;
  encoding: TextEncoding;
  recordsRead: number;
  /** Records that would be stored (problem records only when skipped). */
  recordsImportable: number;
  /** Records with neither a title nor an abstract: importing needs skipProblemRecords=true. */
  problemRecords: number;
  problems: ImportProblem[];
  duplicates: DuplicateCounts;
  csv?: { header: string[]; mapping: Record<string, string>; unmappedColumns: string[]; isSuggested: boolean };
  /** The first records as read, to check the file is the one meant. */
  sample: RecordPreview[];
}

export async function buildImportPreview(
  reviewId: string,
  source: ByteSource,
  fields: PreviewFields,
  options: { maxBytes?: number; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportPreview> {
  const earlier = await listDedupCandidateStates(reviewId);
  const dedup = openDedupSession(source.size, earlier.length);
  try {
    await loadEarlierRecords(dedup, earlier, new Set());
    const scan = await scanFile(source, {
      csvMapping: fields.csvMapping ? { fields: fields.csvMapping.fields, unmapped: [] } : undefined,
      expectedFormat: fields.format,
      maxBytes: options.maxBytes,
      onProgress: options.onProgress,
      dedup,
    });
    options.onProgress?.({ phase: 'deduplicating', bytesRead: source.size, totalBytes: source.size, records: scan.importable });
    return toPreview(scan, await dedup.plan(earlier));
  } finally {
    await dedup.close();
  }
}

function toPreview(scan: ScannedFile, plan: DuplicatePlan): ImportPreview {
  const csv = scan.csv && {
    header: scan.csv.header,
    mapping: scan.csv.mapping.fields as Record<string, string>,
    unmappedColumns: scan.csv.header.filter((h) => !Object.values(scan.csv!.mapping.fields).includes(h)),
    isSuggested: scan.csv.isSuggested,
  };
  return {
    fileName: scan.fileName,
    fileSize: scan.fileSize,
    format: scan.format,
    formatLabel: FORMAT_LABELS[scan.format],
    formatReason: scan.formatReason,
    encoding: scan.encoding,
    recordsRead: scan.recordsRead,
    recordsImportable: scan.importable,
    problemRecords: scan.problemRecords.length,
    problems: [...scan.problemRecords, ...scan.warnings],
    duplicates: plan.counts,
    ...(csv ? { csv } : {}),
    sample: scan.sample,
  };
}
