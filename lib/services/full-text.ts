/**
 * Full texts of the records that passed title/abstract screening (PRISMA's reports sought):
 * owners and reviewers attach a PDF or a link; every member reads them.
 *
 * A PDF is recognised by its content (the "%PDF-" header every PDF starts with), never by its
 * name, and is capped at maxPdfBytes(). It is stored once per content as
 * <filesDir>/<reviewId>/<sha256>.pdf: the path is built from the review id and the hash only, so
 * an uploaded name can never choose where bytes land, and reading back stays inside the review.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { getStageSetting } from '../db/screening';
import { checkReportSought, clearReportAttachment, findReportFile, isFileInUse, listReportAttachments, listReportsSought, saveReportAttachment, type ReportView, type StoredFile } from '../db/reports';
import { getEnv } from '../env';
import { AppError, invalid, notFound } from '../errors';
import { fullTextLinkSchema, fullTextPartSchema, PDF_LIMIT_MB, reportsQuerySchema } from '../schemas/full-text';
import { isUuid, requireReviewRole } from './permissions';

/** The PDF size limit: 50 MB, or SIEVE_MAX_UPLOAD_MB when that is smaller. */
export function maxPdfBytes(): number {
  return Math.min(PDF_LIMIT_MB, getEnv().SIEVE_MAX_UPLOAD_MB) * 1024 * 1024;
}

export interface FullTextView {
  recordId: string;
  /** The attached PDF; `href` serves it to members. */
  file: { name: string; size: number; sha256: string; href: string } | null;
  url: string | null;
  updatedAt: Date | null;
}

export interface FullTextUpload {
  file?: { name: string; bytes: Uint8Array };
  url?: string;
}

export const fullTextHref = (reviewId: string, recordId: string) => `/api/v1/reviews/${reviewId}/records/${recordId}/full-text`;

function toView(reviewId: string, recordId: string, r: ReportView | null): FullTextView {
  const file = r?.fileSha256 ? { name: r.fileName ?? 'full-text.pdf', size: r.fileSize ?? 0, sha256: r.fileSha256, href: fullTextHref(reviewId, recordId) } : null;
  return { recordId, file, url: r?.url ?? null, updatedAt: r?.updatedAt ?? null };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

function tooLarge(name: string, size: number, max: number) {
  return new AppError('payload_too_large', `${name} is ${mb(size)}, over the ${mb(max)} limit for a full text. Compress the PDF or attach a link instead.`);
}

const PDF_HEADER = '%PDF-';

function assertPdf(file: { name: string; bytes: Uint8Array }, max: number): void {
  if (file.bytes.length > max) throw tooLarge(file.name, file.bytes.length, max);
  const head = Buffer.from(file.bytes.subarray(0, PDF_HEADER.length)).toString('latin1');
  if (head !== PDF_HEADER) {
    const message = file.bytes.length === 0 ? `${file.name} is empty.` : `${file.name} is not a PDF: its content does not start with "%PDF-", whatever its name says.`;
    throw invalid(message, { fieldErrors: { file: [message] } });
  }
}

/** A display name safe for headers and lists: no folders, control characters or quotes; ends in .pdf. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').replace(/\s+/g, ' ').trim().slice(0, 150);
  if (!clean || clean === '.pdf') return 'full-text.pdf';
  return /\.pdf$/i.test(clean) ? clean : `${clean}.pdf`;
}

function reviewFolder(reviewId: string): string {
  if (!isUuid(reviewId)) throw notFound('Review');
  return path.join(getEnv().filesDir, reviewId.toLowerCase());
}

async function storePdf(reviewId: string, file: { name: string; bytes: Uint8Array }): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const folder = reviewFolder(reviewId);
  const target = path.join(folder, `${sha256}.pdf`);
  await fs.promises.mkdir(folder, { recursive: true });
  if (!fs.existsSync(target)) {
    // Written aside, then renamed: a reader never sees half a file.
    const partial = path.join(folder, `.${sha256}.${randomBytes(4).toString('hex')}.part`);
    await fs.promises.writeFile(partial, file.bytes, { flag: 'wx' });
    await fs.promises.rename(partial, target);
  }
  return { fileName: cleanFileName(file.name), filePath: `${path.basename(folder)}/${sha256}.pdf`, fileSize: file.bytes.length, fileSha256: sha256 };
}

async function deleteIfUnused(reviewId: string, filePath: string | null): Promise<void> {
  if (!filePath || (await isFileInUse(reviewId, filePath))) return;
  await fs.promises.rm(resolveStored(reviewId, filePath), { force: true });
}

/** The stored file's absolute path, refusing anything outside the review's folder. */
function resolveStored(reviewId: string, filePath: string): string {
  const folder = reviewFolder(reviewId);
  const full = path.resolve(getEnv().filesDir, filePath);
  if (!full.startsWith(folder + path.sep)) throw notFound('The stored full text');
  return full;
}

async function requireAttachable(userId: string, reviewId: string, recordId: string): Promise<void> {
  await requireReviewRole(reviewId, userId, 'reviewer');
  if (!isUuid(recordId)) throw notFound('Record');
  await checkReportSought(reviewId, recordId);
}

/** Attaches a PDF and/or a link to a report sought. */
export async function attachFullText(userId: string, reviewId: string, recordId: string, upload: FullTextUpload): Promise<FullTextView> {
  await requireAttachable(userId, reviewId, recordId);
  if (!upload.file && upload.url === undefined) throw invalid('Attach a PDF (field "file") or give a link (field "url").');
  const url = upload.url === undefined ? undefined : fullTextLinkSchema.parse({ url: upload.url }).url;
  let report: ReportView | null = null;
  if (upload.file) {
    assertPdf(upload.file, maxPdfBytes());
    const stored = await storePdf(reviewId, upload.file);
    try {
      const saved = await saveReportAttachment({ reviewId, recordId, actorId: userId, attachment: { file: stored } });
      report = saved.report;
      await deleteIfUnused(reviewId, saved.replacedFilePath);
    } catch (error) {
      await deleteIfUnused(reviewId, stored.filePath);
      throw error;
    }
  }
  if (url !== undefined) report = (await saveReportAttachment({ reviewId, recordId, actorId: userId, attachment: { url } })).report;
  return toView(reviewId, recordId, report);
}

/**
 * The API's upload: multipart/form-data (`file` and/or `url`) or JSON `{ "url" }`. Permission and
 * eligibility are checked before a byte of the body is read; an announced body over the limit is
 * refused at once.
 */
export async function attachFullTextFromRequest(userId: string, reviewId: string, recordId: string, request: Request): Promise<FullTextView> {
  await requireAttachable(userId, reviewId, recordId);
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      throw new AppError('bad_request', 'The request body is not valid JSON; send { "url": "https://..." }.');
    }
    return attachFullText(userId, reviewId, recordId, { url: String((body as { url?: unknown } | null)?.url ?? '') });
  }
  if (!type.includes('multipart/form-data')) throw new AppError('bad_request', 'Send the PDF as multipart/form-data in a field named "file", or JSON { "url": "..." } for a link.');
  const max = maxPdfBytes();
  const announced = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(announced) && announced > max + 64 * 1024) throw tooLarge('The upload', announced, max);
  let form: FormData;
  try {
    form = await request.formData();
  } catch (e) {
    throw new AppError('bad_request', `The multipart body could not be read (${(e as Error).message}).`);
  }
  const file = form.get('file');
  const url = form.get('url');
  const upload: FullTextUpload = typeof url === 'string' && url.trim() ? { url } : {};
  if (file && typeof file !== 'string') {
    const name = cleanFileName(file.name || 'upload.pdf');
    if (file.size > max) throw tooLarge(name, file.size, max);
    upload.file = { name, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  return attachFullText(userId, reviewId, recordId, upload);
}

/** The attached PDF as a stream, for members of the review only. */
export async function openFullTextPdf(userId: string, reviewId: string, recordId: string) {
  await requireReviewRole(reviewId, userId, 'viewer');
  if (!isUuid(recordId)) throw notFound('Record');
  const found = await findReportFile(reviewId, recordId);
  if (!found?.file) {
    if (found?.url) throw new AppError('not_found', `No PDF is attached to this record; its full text is linked at ${found.url}`, { url: found.url });
    throw notFound('A PDF for this record');
  }
  const full = resolveStored(reviewId, found.file.filePath);
  const stat = await fs.promises.stat(full).catch(() => null);
  if (!stat?.isFile()) {
    console.error(`[full-text] review=${reviewId} record=${recordId}: ${found.file.filePath} is missing from the files folder`);
    throw new AppError('not_found', 'The PDF was recorded but is missing from the server\'s files folder; attach it again.');
  }
  const stream = Readable.toWeb(fs.createReadStream(full)) as ReadableStream<Uint8Array>;
  return { stream, fileName: found.file.fileName, size: stat.size };
}

export async function removeFullText(userId: string, reviewId: string, recordId: string, query: unknown = {}): Promise<FullTextView> {
  await requireReviewRole(reviewId, userId, 'reviewer');
  if (!isUuid(recordId)) throw notFound('Record');
  const { part } = fullTextPartSchema.parse(query);
  const { report, removedFilePath } = await clearReportAttachment({ reviewId, recordId, actorId: userId, part });
  await deleteIfUnused(reviewId, removedFilePath);
  return toView(reviewId, recordId, report);
}

/** What is attached to each of these records (records without a report get an empty view). */
export async function fullTextsFor(userId: string, reviewId: string, recordIds: string[]): Promise<Record<string, FullTextView>> {
  await requireReviewRole(reviewId, userId, 'viewer');
  const ids = recordIds.filter(isUuid);
  const reports = new Map((await listReportAttachments(reviewId, ids)).map((r) => [r.recordId, r]));
  return Object.fromEntries(ids.map((id) => [id, toView(reviewId, id, reports.get(id) ?? null)]));
}

/** The reports sought (records included at title/abstract), with what is attached and where each stands at full text. */
export async function listFullTextsSought(userId: string, reviewId: string, paging: unknown = {}) {
  const access = await requireReviewRole(reviewId, userId, 'viewer');
  const page = reportsQuerySchema.parse(paging);
  const [result, setting] = await Promise.all([listReportsSought({ reviewId, reviewerId: userId, ...page }), getStageSetting(reviewId, 'full_text')]);
  return {
    requiredDecisions: setting.requiredDecisions,
    ...result,
    items: result.items.map((i) => ({ ...i, attachment: toView(reviewId, i.recordId, i.report) })),
    paging: page,
    canAttach: access.role !== 'viewer',
  };
}
