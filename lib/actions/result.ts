/**
 * The result every server action returns, and the one place that turns thrown errors into it:
 * AppError keeps its message (and `details.fieldErrors`), a ZodError becomes messages per field,
 * anything else is logged with context and shown as a generic message, never a stack trace.
 */
import { unstable_rethrow } from 'next/navigation';
import { ZodError } from 'zod';
import { isAppError, type ErrorCode } from '../errors';

export type FieldErrors = Record<string, string[]>;

export type ActionFailure = { ok: false; formError?: string; fieldErrors?: FieldErrors };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

export const UNEXPECTED_MESSAGE = 'Something went wrong on our side. It has been logged; please try again.';

interface Options {
  /** Puts the message of these error codes on a field, e.g. `{ conflict: 'email' }` on sign-up. */
  fieldFor?: Partial<Record<ErrorCode, string>>;
}

export function actionError(error: unknown, context: string, options: Options = {}): ActionFailure {
  // redirect() and notFound() work by throwing; they must reach Next.js untouched.
  unstable_rethrow(error);
  if (isAppError(error)) {
    const field = options.fieldFor?.[error.code];
    if (field) return { ok: false, fieldErrors: { [field]: [error.message] } };
    const fieldErrors = (error.details as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors;
    return { ok: false, formError: error.message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
  if (error instanceof ZodError) {
    return { ok: false, formError: 'Some fields need attention.', fieldErrors: zodFieldErrors(error) };
  }
  console.error(`[action] ${context}:`, error);
  return { ok: false, formError: UNEXPECTED_MESSAGE };
}

export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
