/**
 * The few expected error kinds. Services throw AppError; the API wrapper and server actions turn
 * them into messages and HTTP statuses. Anything else is a bug: logged, shown generically.
 */
export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'bad_request'
  | 'too_many_requests'
  | 'payload_too_large';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  invalid: 422,
  too_many_requests: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const invalid = (message: string, details?: unknown) => new AppError('invalid', message, details);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
