/**
 * Sends a multipart form to the JSON API with XMLHttpRequest (fetch cannot report upload
 * progress). The session cookie authenticates, as for any same-origin request.
 */
export interface UploadProgress {
  loaded: number;
  total: number;
  /** The whole body has been sent: the server is reading the file. */
  done: boolean;
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

export function upload<T>(url: string, form: FormData, onProgress: (p: UploadProgress) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadResult<T>>((resolve) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0, done: false });
    xhr.upload.onload = () => onProgress({ loaded: 1, total: 1, done: true });
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
