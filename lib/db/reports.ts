/**
 * Reports: the full texts sought for retrieval (PRISMA 2020). A record that passed title/abstract
 * screening is a report sought; its Report row is created lazily, the first time someone attaches
 * a PDF or a link, so the count of reports sought is always the count of records included at
 * title/abstract, whether or not anything was attached yet.
 */
import { conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb, type Tx } from './client';
import type { DecisionValue, Prisma, ScreeningOutcome } from './generated/client';

export interface ReportView {
  recordId: string;
  fileName: string | null;
  fileSize: number | null;
  fileSha256: string | null;
  url: string | null;
  updatedAt: Date;
}

/** Where the PDF lies, relative to the files folder (internal: never sent to clients). */
export interface ReportFile {
  fileName: string;
  filePath: string;
  fileSize: number;
}

export interface StoredFile {
  fileName: string;
  /** Relative to the files folder: `<reviewId>/<sha256>.pdf`. */
  filePath: string;
  fileSize: number;
  fileSha256: string;
}

const VIEW = { recordId: true, fileName: true, fileSize: true, fileSha256: true, url: true, updatedAt: true } as const;

/** Refuses records of other reviews (404), removed records and records not included at title/abstract (409). */
async function assertReportSought(tx: Tx, reviewId: string, recordId: string): Promise<void> {
  const record = await tx.record.findFirst({ where: { id: recordId, reviewId }, select: { removedReason: true } });
  if (!record) throw notFound('Record');
  if (record.removedReason) throw conflict('This record was removed before screening (for example merged as a duplicate), so no full text is sought for it.');
  const ta = await tx.screeningState.findUnique({ where: { recordId_stage: { recordId, stage: 'title_abstract' } }, select: { outcome: true } });
  if (ta?.outcome !== 'included') {
    throw conflict('This record has not passed title/abstract screening, so its full text is not sought yet.');
  }
}

/** Checks, outside any write, that a full text may be attached (before a file is stored). */
export async function checkReportSought(reviewId: string, recordId: string): Promise<void> {
  await assertReportSought(getDb(), reviewId, recordId);
}

export async function findReportFile(reviewId: string, recordId: string): Promise<{ file: ReportFile | null; url: string | null } | null> {
  const r = await getDb().report.findFirst({ where: { reviewId, recordId }, select: { fileName: true, filePath: true, fileSize: true, url: true } });
  if (!r) return null;
  return { file: r.filePath ? { fileName: r.fileName ?? 'full-text.pdf', filePath: r.filePath, fileSize: r.fileSize ?? 0 } : null, url: r.url };
}

type Attachment = { file: StoredFile } | { url: string };

/** Attaches a PDF or a link (creating the report); returns it and the file it replaced, if any. */
export async function saveReportAttachment(input: { reviewId: string; recordId: string; actorId: string; attachment: Attachment }): Promise<{ report: ReportView; replacedFilePath: string | null }> {
  const { reviewId, recordId, actorId, attachment } = input;
  return getDb().$transaction(async (tx) => {
    await assertReportSought(tx, reviewId, recordId);
    const before = await tx.report.findUnique({ where: { recordId }, select: { ...VIEW, filePath: true } });
    const data: Prisma.ReportUncheckedUpdateInput = 'file' in attachment ? { ...attachment.file } : { url: attachment.url };
    const report = await tx.report.upsert({
      where: { recordId },
      create: { reviewId, recordId, ...('file' in attachment ? attachment.file : { url: attachment.url }) },
      update: data,
      select: VIEW,
    });
    await recordAudit({
      reviewId, actorId, entityType: 'report', entityId: recordId,
      action: 'file' in attachment ? 'report.file_attached' : 'report.link_attached',
      before: before ? { fileName: before.fileName, fileSha256: before.fileSha256, url: before.url } : undefined,
      after: { recordId, fileName: report.fileName, fileSize: report.fileSize, fileSha256: report.fileSha256, url: report.url },
    }, tx);
    const replaced = 'file' in attachment && before?.filePath && before.filePath !== attachment.file.filePath ? before.filePath : null;
    return { report, replacedFilePath: replaced };
  });
}

/** Removes the PDF, the link, or both; the report itself stays (it is still sought). */
export async function clearReportAttachment(input: { reviewId: string; recordId: string; actorId: string; part: 'file' | 'url' | 'all' }): Promise<{ report: ReportView; removedFilePath: string | null }> {
  const { reviewId, recordId, actorId, part } = input;
  return getDb().$transaction(async (tx) => {
    const before = await tx.report.findFirst({ where: { reviewId, recordId }, select: { ...VIEW, filePath: true } });
    if (!before || (!before.filePath && !before.url)) throw notFound('A full text for this record');
    const clearFile = part !== 'url';
    const clearUrl = part !== 'file';
    const report = await tx.report.update({
      where: { recordId },
      data: { ...(clearFile ? { fileName: null, filePath: null, fileSize: null, fileSha256: null } : {}), ...(clearUrl ? { url: null } : {}) },
      select: VIEW,
    });
    await recordAudit({
      reviewId, actorId, entityType: 'report', entityId: recordId, action: 'report.full_text_removed',
      before: { fileName: before.fileName, fileSha256: before.fileSha256, url: before.url },
      after: { fileName: report.fileName, fileSha256: report.fileSha256, url: report.url },
    }, tx);
    return { report, removedFilePath: clearFile ? before.filePath : null };
  });
}

/** Whether any report of the review still points at this stored file (the same PDF may serve two records). */
export async function isFileInUse(reviewId: string, filePath: string): Promise<boolean> {
  return (await getDb().report.count({ where: { reviewId, filePath } })) > 0;
}

export async function listReportAttachments(reviewId: string, recordIds: string[]): Promise<ReportView[]> {
  if (recordIds.length === 0) return [];
  return getDb().report.findMany({ where: { reviewId, recordId: { in: recordIds } }, select: VIEW });
}

export interface ReportSoughtItem {
  recordId: string;
  title: string;
  year: number | null;
  journal: string | null;
  pmid: string | null;
  doi: string | null;
  report: ReportView | null;
  fullText: { outcome: ScreeningOutcome; decisionsCount: number };
  myDecision: { value: DecisionValue; reasonLabel: string | null } | null;
}

/** Records included at title/abstract (reports sought), in import order, with their attachment and full-text state. */
export async function listReportsSought(input: { reviewId: string; reviewerId: string; limit: number; offset: number }) {
  const { reviewId, reviewerId } = input;
  const db = getDb();
  const where: Prisma.ScreeningStateWhereInput = { reviewId, stage: 'title_abstract', outcome: 'included', record: { removedReason: null } };
  const [states, total, withFile, withLink] = await Promise.all([
    db.screeningState.findMany({
      where,
      orderBy: [{ record: { createdAt: 'asc' } }, { record: { position: 'asc' } }, { recordId: 'asc' }],
      skip: input.offset,
      take: input.limit,
      select: {
        record: {
          select: {
            id: true, title: true, year: true, journal: true, pmid: true, doi: true,
            report: { select: VIEW },
            screeningStates: { where: { stage: 'full_text' }, select: { outcome: true, decisionsCount: true } },
            decisions: { where: { stage: 'full_text', reviewerId }, select: { value: true, reason: { select: { label: true } } } },
          },
        },
      },
    }),
    db.screeningState.count({ where }),
    db.report.count({ where: { reviewId, filePath: { not: null }, record: { screeningStates: { some: { stage: 'title_abstract', outcome: 'included' } } } } }),
    db.report.count({ where: { reviewId, filePath: null, url: { not: null }, record: { screeningStates: { some: { stage: 'title_abstract', outcome: 'included' } } } } }),
  ]);
  const items: ReportSoughtItem[] = states.map(({ record: r }) => ({
    recordId: r.id, title: r.title, year: r.year, journal: r.journal, pmid: r.pmid, doi: r.doi,
    report: r.report,
    fullText: r.screeningStates[0] ?? { outcome: 'pending', decisionsCount: 0 },
    myDecision: r.decisions[0] ? { value: r.decisions[0].value, reasonLabel: r.decisions[0].reason?.label ?? null } : null,
  }));
  return { items, total, withFile, withLinkOnly: withLink };
}
