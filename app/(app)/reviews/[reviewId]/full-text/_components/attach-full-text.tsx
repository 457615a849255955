'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import type { FullTextView } from '@/lib/services/full-text';
import { Button } from '../../../../../_components/ui/button';
import { Input } from '../../../../../_components/ui/input';
import { apiError, OFFLINE_MESSAGE } from '../../screen/_lib/api-error';

interface Props {
  reviewId: string;
  recordId: string;
  /** Names the controls for screen readers when several records are listed. */
  recordTitle?: string;
  pdfLimitBytes: number;
  hasFile: boolean;
  /** Called with what is attached now; without it the page is refreshed. */
  onAttached?: (view: FullTextView) => void;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

/** Attach a PDF (uploaded as soon as it is chosen) or a link to a record's full text. */
export function AttachFullText({ reviewId, recordId, recordTitle, pdfLimitBytes, hasFile, onAttached }: Props) {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState<'file' | 'url' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [url, setUrl] = useState('');
  const href = `/api/v1/reviews/${reviewId}/records/${recordId}/full-text`;
  const about = recordTitle ? ` for “${recordTitle}”` : '';

  async function send(kind: 'file' | 'url', body: FormData) {
    setPending(kind);
    setError(null);
    setDone('');
    try {
      const res = await fetch(href, { method: 'POST', body });
      if (!res.ok) return setError((await apiError(res)).message);
      const view = (await res.json()) as FullTextView;
      setDone(kind === 'file' ? 'PDF attached.' : 'Link saved.');
      setUrl('');
      if (onAttached) onAttached(view);
      else router.refresh();
    } catch {
      setError(OFFLINE_MESSAGE);
    } finally {
      setPending(null);
    }
  }

  function onFile(file: File | undefined, input: HTMLInputElement) {
    if (!file) return;
    input.value = '';
    if (file.size > pdfLimitBytes) return setError(`${file.name} is ${mb(file.size)}, over the ${mb(pdfLimitBytes)} limit for a full text.`);
    const form = new FormData();
    form.append('file', file);
    void send('file', form);
  }

  function onLink(e: FormEvent) {
    e.preventDefault();
    const form = new FormData();
    form.append('url', url);
    void send('url', form);
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-file`} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {hasFile ? 'Replace the PDF' : 'Attach a PDF'}
          {recordTitle && <span className="sr-only">{about}</span>}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/pdf,.pdf"
          disabled={pending !== null}
          aria-describedby={`${id}-limit`}
          onChange={(e) => onFile(e.target.files?.[0], e.target)}
          className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-zinc-900 hover:file:bg-zinc-100 dark:text-zinc-300 dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100"
        />
        <p id={`${id}-limit`} className="text-xs text-zinc-600 dark:text-zinc-400">
          PDF only, up to {mb(pdfLimitBytes)}.{pending === 'file' && ' Uploading…'}
        </p>
      </div>
      <form onSubmit={onLink} className="flex flex-col gap-1.5" aria-label={`Full-text link${about}`}>
        <label htmlFor={`${id}-url`} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
          Or a link to the full text
        </label>
        <div className="flex gap-2">
          <Input id={`${id}-url`} type="url" inputMode="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} required />
          <Button type="submit" variant="secondary" pending={pending === 'url'}>
            Save link
          </Button>
        </div>
      </form>
      <p role="status" className="text-sm">
        {error ? <span className="font-medium text-red-700 dark:text-red-400">{error}</span> : <span className="text-emerald-800 dark:text-emerald-300">{done}</span>}
      </p>
    </div>
  );
}
