/**
 * Receives a multipart/form-data upload (`file` plus text fields) by streaming it to a temporary
 * file (busboy), so the server never holds an export of hundreds of MB in memory: the import then
 * reads the file from disk in 1 MB chunks, as often as it needs. An announced body over the
 * upload limit is refused with 413 before a byte of it is read; a body that turns out larger (no
 * or a false Content-Length) is refused with the same error as soon as the file passes the limit.
 * The temporary file is removed when the caller's work ends, whatever its outcome.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '../../errors';
import { fileSource, type ByteSource } from './byte-source';
import { assertWithinLimit, fileTooLarge, maxUploadBytes } from './scan-file';

/** Room for the multipart framing and the text fields (a query can be long). */
const FORM_OVERHEAD_BYTES = 1024 * 1024;
/** Largest text field (a search query, a CSV mapping); the form's framing room is its bound. */
const MAX_FIELD_BYTES = FORM_OVERHEAD_BYTES;
const MAX_FIELDS = 100;

export interface ImportUpload {
  file: ByteSource;
  /** Every text field of the form, to be parsed with the import schema. */
  fields: Record<string, string>;
}

/** Receives the upload into a temporary file, runs `work` with it, then removes the file. */
export async function withImportUpload<T>(request: Request, work: (upload: ImportUpload) => Promise<T>, maxBytes = maxUploadBytes()): Promise<T> {
  const type = checkHeaders(request, maxBytes);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sieve-upload-'));
  try {
    return await work(await receive(request, type, path.join(dir, 'upload'), maxBytes));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

function checkHeaders(request: Request, maxBytes: number): string {
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
  return type;
}

const unreadable = (detail: string) => new AppError('bad_request', `The multipart body could not be read (${detail}).`);

function receive(request: Request, type: string, target: string, maxBytes: number): Promise<ImportUpload> {
  if (!request.body) return Promise.reject(unreadable('the request has no body'));
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  return new Promise<ImportUpload>((resolve, reject) => {
    let settled = false;
    let receiving: Readable | undefined;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      body.destroy(); // stop reading what is left of the body
      receiving?.destroy(); // and close the temporary file
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': type },
        defParamCharset: 'utf8', // browsers send file names as raw UTF-8
        limits: { files: 1, fileSize: maxBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
      });
    } catch (e) {
      fail(unreadable((e as Error).message));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { name: string; written: Promise<void> } | undefined;

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new AppError('invalid', `The form field "${name}" is over ${MAX_FIELD_BYTES / 1024 / 1024} MB.`));
      else if (name !== 'file') fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume(); // other file fields are not read
        return;
      }
      const fileName = info.filename || 'upload';
      receiving = stream;
      stream.on('limit', () => fail(fileTooLarge(fileName, maxBytes)));
      const written = pipeline(stream, fs.createWriteStream(target));
      written.catch((e: Error) => fail(unreadable(e.message)));
      file = { name: fileName, written };
    });
    parser.on('fieldsLimit', () => fail(new AppError('invalid', `The form has over ${MAX_FIELDS} fields.`)));
    parser.on('error', (e: Error) => fail(unreadable(e.message)));
    parser.on('close', () => {
      if (settled) return;
      if (!file) {
        fail(new AppError('invalid', 'Attach the export file in a field named "file".', { fieldErrors: { file: ['Choose the file your search exported.'] } }));
        return;
      }
      const { name } = file;
      file.written.then(
        () => {
          try {
            const source = fileSource(name, target);
            assertWithinLimit(source, maxBytes);
            settled = true;
            resolve({ file: source, fields });
          } catch (e) {
            fail(e as Error);
          }
        },
        () => {}, // reported by the catch above
      );
    });
    body.on('error', (e) => fail(unreadable(e.message)));
    body.pipe(parser);
  });
}
