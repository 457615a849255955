'use client';
import { useId } from 'react';
import type { ServerProgress, UploadProgress } from '../_lib/upload';
import { formatBytes, formatCount, plural } from '../_lib/format';

interface Shown {
  /** Percent done, or undefined for an indeterminate bar. */
  percent?: number;
  text: string;
  /** Announced to screen readers when it changes: the phase, not every figure. */
  announce: string;
}

const percentOf = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0);

/** What the server reports (reading with bytes and records, deduplicating, saving with records). */
function serverShown(s: ServerProgress, processingText: string): Shown {
  switch (s.phase) {
    case 'reading': {
      const percent = percentOf(s.bytesRead, s.totalBytes);
      return { percent, text: `Reading the file: ${formatBytes(s.bytesRead)} of ${formatBytes(s.totalBytes)}, ${plural(s.records, 'record')} so far (${percent}%)`, announce: 'Reading the file on the server' };
    }
    case 'deduplicating':
      return { text: `Looking for duplicates among ${plural(s.records, 'record')}…`, announce: 'Looking for duplicates' };
    case 'saving': {
      const total = s.totalRecords ?? 0;
      const percent = percentOf(s.records, total);
      return { percent, text: `Saving records: ${formatCount(s.records)} of ${formatCount(total)} (${percent}%)`, announce: 'Saving the records' };
    }
    default:
      return { text: processingText, announce: processingText };
  }
}

function shown(progress: UploadProgress, processingText: string): Shown {
  if (progress.server) return serverShown(progress.server, processingText);
  if (progress.done) return { text: processingText, announce: processingText };
  if (progress.total === 0) return { percent: 0, text: 'Starting the upload…', announce: '' };
  const percent = percentOf(progress.loaded, progress.total);
  return { percent, text: `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} sent (${percent}%)`, announce: '' };
}

/** Real upload progress (bytes sent of total), then the server's own progress on the file. */
export function ProgressBar({ label, progress, processingText }: { label: string; progress: UploadProgress; processingText: string }) {
  const id = useId();
  const { percent, text, announce } = shown(progress, processingText);
  const indeterminate = percent === undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <p id={`${id}-label`} className="text-sm font-medium">
        {label}
      </p>
      <div
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        aria-busy="true"
        className="h-2.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={indeterminate ? 'h-full w-1/3 animate-pulse rounded-full bg-accent-600' : 'h-full rounded-full bg-accent-600 transition-[width]'}
          style={indeterminate ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="import-progress-text">
        {text}
      </p>
      {/* Announced when the phase changes, not at every byte. */}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}
