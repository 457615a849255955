'use client';
import { useId } from 'react';
import type { UploadProgress } from '../_lib/upload';
import { formatBytes } from '../_lib/format';

/** Real upload progress (bytes sent of total), then an indeterminate state while the server reads. */
export function ProgressBar({ label, progress, processingText }: { label: string; progress: UploadProgress; processingText: string }) {
  const id = useId();
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  const text = progress.done ? processingText : progress.total > 0 ? `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} sent (${percent}%)` : 'Starting the upload…';
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
        aria-valuenow={progress.done ? undefined : percent}
        aria-valuetext={text}
        aria-busy="true"
        className="h-2.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={progress.done ? 'h-full w-1/3 animate-pulse rounded-full bg-accent-600' : 'h-full rounded-full bg-accent-600 transition-[width]'}
          style={progress.done ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">{text}</p>
      {/* Announced once when the upload ends, not at every byte. */}
      <p className="sr-only" aria-live="polite">
        {progress.done ? processingText : ''}
      </p>
    </div>
  );
}
