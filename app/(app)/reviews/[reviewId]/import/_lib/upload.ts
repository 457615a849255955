/**
 * Sends a multipart form to the JSON API with XMLHttpRequest (fetch cannot report upload
 * progress). The session cookie authenticates, as for any same-origin request. Once the body is
 * sent, the server's own progress is polled (GET /imports/{importId}) until the answer arrives.
 */
const POLL_MS = 500;

/** The server's progress on the file (lib/services/import/import-progress.ts). */
export interface ServerProgress {
  phase: 'reading' | 'deduplicating' | 'saving' | 'done' | 'failed';
  bytesRead: number;
  totalBytes: number;
  records: number;
  totalRecords?: number;
}

export interface UploadProgress {
  loaded: number;
  total: number;
  /** The whole body has been sent: the server is reading the file. */
  done: boolean;
  /** What the server reports, once it has the file. */
  server?: ServerProgress;
}

/** A fresh id for an import job (crypto.randomUUID needs a secure context; plain HTTP on a LAN is not one). */
export function newImportId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface ApiProblem {
  line?: number;
  severity?: 'error' | 'warning';
  code?: string;
  message: string;
}

export interface ApiFailure {
  status: number;
  message: string;
  fileName?: string;
  problems: ApiProblem[];
  issues: Array<{ path: string; message: string }>;
}

export type UploadResult<T> = { ok: true; body: T } | { ok: false; error: ApiFailure };

export interface UploadHandle<T> {
  promise: Promise<UploadResult<T>>;
  abort(): void;
}

export function upload<T>(url: string, form: FormData, onProgress: (p: UploadProgress) => void, options: { progressUrl?: string } = {}): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  let answered = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      const res = await fetch(options.progressUrl!, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      // 404 until the server has parsed the whole upload: keep asking.
      if (res.ok) {
        const server = (await res.json()) as ServerProgress;
        if (!answered) onProgress({ loaded: 1, total: 1, done: true, server });
      }
    } catch {
      /* a missed poll only delays the next figure */
    }
    if (!answered) timer = setTimeout(() => void poll(), POLL_MS);
  };
  const stopPolling = () => {
    answered = true;
    clearTimeout(timer);
  };
  const promise = new Promise<UploadResult<T>>((resolve) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0, done: false });
    xhr.upload.onload = () => {
      onProgress({ loaded: 1, total: 1, done: true });
      if (options.progressUrl && !answered) timer = setTimeout(() => void poll(), POLL_MS / 2);
    };
    xhr.onloadend = stopPolling;
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve({ ok: true, body: body as T });
      resolve({ ok: false, error: toFailure(xhr.status, body) });
    };
    xhr.onerror = () =>
      resolve({ ok: false, error: { status: 0, message: 'The upload failed: the connection to the server was lost. Nothing was imported; please try again.', problems: [], issues: [] } });
    xhr.onabort = () => resolve({ ok: false, error: { status: 0, message: 'Upload cancelled. Nothing was imported.', problems: [], issues: [] } });
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

function toFailure(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { message?: string; details?: { fileName?: string; problems?: ApiProblem[]; issues?: Array<{ path: string; message: string }> } } } | null)?.error;
  if (!error?.message) {
    const message =
      status === 413
        ? 'The file is larger than the server accepts. Nothing was imported.'
        : status === 401
          ? 'Your session has ended. Sign in again, then retry. Nothing was imported.'
          : `The server could not take the file (HTTP ${status}). Nothing was imported; please try again.`;
    return { status, message, problems: [], issues: [] };
  }
  return {
    status,
    message: error.message,
    fileName: error.details?.fileName,
    problems: Array.isArray(error.details?.problems) ? error.details.problems : [],
    issues: Array.isArray(error.details?.issues) ? error.details.issues : [],
  };
}
