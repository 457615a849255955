/**
 * Records for export, in import order, a batch at a time: an export of 100,000 records is streamed
 * to the client as it is read instead of being built in memory. Batches follow a cursor (the last
 * record's id with the list's order), so each is one indexed range, not an OFFSET that rescans
 * everything before it.
 */
import type { ExportRecord } from '../domain/export/records';
import type { BibAuthor } from '../domain/records/bib-record';
import { getDb } from './client';
import { RECORD_ORDER, recordWhere, type RecordFilters } from './records';

const EXPORT_SELECT = {
  id: true, position: true, pmid: true, doi: true, title: true, authors: true, year: true, publicationDate: true, journal: true,
  journalAbbrev: true, volume: true, issue: true, pages: true, abstract: true, keywords: true, language: true, issn: true, url: true,
  removedReason: true, duplicateOfId: true, search: { select: { source: true } },
} as const;

export type ExportRow = Omit<ExportRecord, 'screening'>;

export async function* recordExportBatches(reviewId: string, filters: RecordFilters, batchSize = 1000): AsyncGenerator<ExportRow[]> {
  const where = recordWhere(reviewId, filters);
  let cursor: string | undefined;
  for (;;) {
    const rows = await getDb().record.findMany({
      where,
      select: EXPORT_SELECT,
      orderBy: [...RECORD_ORDER, { id: 'asc' }],
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!rows.length) return;
    yield rows.map(({ search, authors, ...r }) => ({ ...r, source: search.source, authors: Array.isArray(authors) ? (authors as unknown as BibAuthor[]) : [] }));
    if (rows.length < batchSize) return;
    cursor = rows.at(-1)!.id;
  }
}
