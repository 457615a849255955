/**
 * How an import reports what is wrong: one message naming the file, the line and the problem,
 * and every problem in `details.problems` (line, severity, code, message) for the import screen.
 */
import type { ParseProblem } from '../../domain/records/bib-record';
import { AppError, type ErrorCode } from '../../errors';

export interface ImportProblem {
  line?: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export function toImportProblem(p: ParseProblem): ImportProblem {
  return { ...(p.line !== undefined ? { line: p.line } : {}), severity: p.severity, code: p.code, message: p.message };
}

/** "Cannot import x.ris (line 12): ..." from the first error; the others travel in details. */
export function fileRejected(fileName: string, problems: ParseProblem[], code: ErrorCode = 'invalid'): AppError {
  const first = problems.find((p) => p.severity === 'error') ?? problems[0];
  const line = first?.line ?? 1;
  const text = (first?.message ?? 'the file could not be read').replace(/^Line \d+:\s*/, '');
  const where = new RegExp(`\\bline ${line}\\b`, 'i').test(text) ? '' : ` (line ${line})`;
  const message = `Cannot import ${fileName}${where}: ${text.replace(/[.\s]+$/, '')}. Nothing was imported.`;
  return new AppError(code, message, { fileName, problems: problems.map(toImportProblem) });
}

export function fileProblem(code: string, message: string, line = 1): ParseProblem {
  return { severity: 'error', code, message, line };
}
