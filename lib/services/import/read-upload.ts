/**
 * Reads a multipart/form-data upload (`file` plus text fields). An announced body over the upload
 * limit is refused with 413 before a byte of it is read; otherwise the platform's formData()
 * parser holds it (acceptable up to the limit), and the file is re-checked by its real size.
 */
import { AppError } from '../../errors';
import { blobSource, type ByteSource } from './byte-source';
import { assertWithinLimit, maxUploadBytes } from './scan-file';

/** Room for the multipart framing and the text fields (a query can be long). */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export interface ImportUpload {
  file: ByteSource;
  /** Every text field of the form, to be parsed with the import schema. */
  fields: Record<string, string>;
}

export async function readImportUpload(request: Request, maxBytes = maxUploadBytes()): Promise<ImportUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().includes('multipart/form-data')) {
    throw new AppError('bad_request', 'Send the file as multipart/form-data, with the export in a field named "file".');
  }
  const announced = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(announced) && announced > maxBytes + FORM_OVERHEAD_BYTES) {
    const mb = Math.round(maxBytes / 1024 / 1024);
    throw new AppError('payload_too_large', `The upload is ${(announced / 1024 / 1024).toFixed(1)} MB, over the upload limit of ${mb} MB (SIEVE_MAX_UPLOAD_MB); export the search in several smaller files. Nothing was imported.`, {
      problems: [{ severity: 'error', code: 'file-too-large', line: 1, message: `The upload is over the limit of ${mb} MB` }],
    });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (e) {
    throw new AppError('bad_request', `The multipart body could not be read (${(e as Error).message}).`);
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new AppError('invalid', 'Attach the export file in a field named "file".', { fieldErrors: { file: ['Choose the file your search exported.'] } });
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (key !== 'file' && typeof value === 'string') fields[key] = value;
  const source = blobSource(file.name || 'upload', file);
  assertWithinLimit(source, maxBytes);
  return { file: source, fields };
}
