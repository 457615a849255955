'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { CSV_FIELDS } from '@/lib/schemas/import';
import type { ImportPreview } from '@/lib/services/import';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';
import { formatBytes, formatCount, plural } from '../_lib/format';
import type { ApiFailure, ApiProblem, UploadProgress } from '../_lib/upload';
import { ProgressBar } from './progress-bar';

const SHOWN_PROBLEMS = 50;

const FIELD_LABEL: Record<(typeof CSV_FIELDS)[number], string> = {
  title: 'Title', abstract: 'Abstract', authors: 'Authors', year: 'Year', publicationDate: 'Publication date', journal: 'Journal',
  journalAbbrev: 'Journal abbreviation', volume: 'Volume', issue: 'Issue', pages: 'Pages', startPage: 'Start page', endPage: 'End page', citation: 'Citation (volume, issue, pages)',
  doi: 'DOI', pmid: 'PMID', keywords: 'Keywords', url: 'URL', language: 'Language', issn: 'ISSN', sourceDatabase: 'Source database',
};

/** Problems with their lines: the first 50, and how many more there are. */
export function ProblemList({ problems, label }: { problems: ApiProblem[]; label: string }) {
  if (problems.length === 0) return null;
  const rest = problems.length - SHOWN_PROBLEMS;
  return (
    <div className="flex flex-col gap-1">
      <ul aria-label={label} className="flex max-h-72 list-disc flex-col gap-1 overflow-y-auto pl-5" tabIndex={0}>
        {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
          <li key={i}>
            {p.line !== undefined && <span className="font-medium">Line {formatCount(p.line)}: </span>}
            {p.message.replace(/^Line \d+:\s*/, '')}
            {p.severity === 'warning' && <span className="text-zinc-600 dark:text-zinc-400"> (warning)</span>}
          </li>
        ))}
      </ul>
      {rest > 0 && <p>and {plural(rest, 'more problem')} not shown.</p>}
    </div>
  );
}

/** The API's refusal: its message (file, line, what is wrong) and every problem it listed. */
export function ImportErrorAlert({ error }: { error: ApiFailure }) {
  return (
    <Alert tone="error" title={error.status === 0 ? 'Not imported' : 'The file cannot be imported'}>
      <p>{error.message}</p>
      {error.issues.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {error.issues.map((i, n) => (
            <li key={n}>{i.path ? `${i.path}: ${i.message}` : i.message}</li>
          ))}
        </ul>
      )}
      {error.problems.length > 1 && (
        <div className="mt-2">
          <ProblemList problems={error.problems} label="Problems in the file" />
        </div>
      )}
      {!/nothing was (imported|stored)/i.test(error.message) && <p className="mt-2">Nothing was stored.</p>}
    </Alert>
  );
}

interface PreviewPanelProps {
  preview: ImportPreview;
  mapping: Record<string, string>;
  mappingChanged: boolean;
  onMappingChange(next: Record<string, string>): void;
  onRepreview(): void;
  skip: boolean;
  onSkipChange(skip: boolean): void;
  importing?: UploadProgress;
  error?: ApiFailure;
  onImport(): void;
  onCancel(): void;
}

export function PreviewPanel(props: PreviewPanelProps) {
  const { preview, mapping, mappingChanged, skip, importing, error } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const skipId = useId();
  const [skipError, setSkipError] = useState(false);
  const d = preview.duplicates;
  const needsSkip = preview.problemRecords > 0;
  const nothingToImport = preview.recordsImportable === 0;

  useEffect(() => {
    headingRef.current?.focus();
  }, [preview]);

  const confirm = () => {
    if (needsSkip && !skip) return setSkipError(true);
    props.onImport();
  };

  return (
    <section aria-labelledby="preview-title" className="flex flex-col gap-5 rounded-lg border border-accent-300 p-4 dark:border-accent-700">
      <div>
        <h4 id="preview-title" ref={headingRef} tabIndex={-1} className="text-base font-semibold outline-none">
          Preview of {preview.fileName}
        </h4>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has been stored yet. Check what would be imported, then import or cancel.</p>
      </div>

      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Detected format</dt>
          <dd className="font-medium">
            {preview.formatLabel} <span className="font-normal text-zinc-600 dark:text-zinc-400">({preview.formatReason}; {preview.encoding}, {formatBytes(preview.fileSize)})</span>
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Records read</dt>
          <dd className="font-medium tabular-nums">{formatCount(preview.recordsRead)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Records with problems</dt>
          <dd className="font-medium tabular-nums">{formatCount(preview.problemRecords)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Duplicates within the file</dt>
          <dd className="font-medium tabular-nums">
            {formatCount(d.withinFile.exact)} exact, {formatCount(d.withinFile.likely)} likely
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Duplicates of earlier imports</dt>
          <dd className="font-medium tabular-nums">
            {formatCount(d.againstEarlierImports.exact)} exact, {formatCount(d.againstEarlierImports.likely)} likely
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">After import</dt>
          <dd>
            {plural(d.newRecordsRemoved, 'new record')} linked to an earlier copy automatically (exact duplicates); {plural(d.likely, 'likely pair')} for you to decide on the Duplicates page.
          </dd>
        </div>
      </dl>

      {preview.problems.length > 0 && (
        <section aria-labelledby="preview-problems-title" className="flex flex-col gap-2 text-sm">
          <h5 id="preview-problems-title" className="font-semibold">
            Problems ({formatCount(preview.problems.length)})
          </h5>
          <ProblemList problems={preview.problems} label="Problems found in the file" />
        </section>
      )}

      {preview.csv && (
        <section aria-labelledby="mapping-title" className="flex flex-col gap-3 text-sm">
          <div>
            <h5 id="mapping-title" className="font-semibold">
              Column mapping
            </h5>
            <p className="text-zinc-600 dark:text-zinc-400">
              {preview.csv.isSuggested ? 'Suggested from the header row: check each field.' : 'The mapping you chose.'} Columns left unmapped are not imported
              {preview.csv.unmappedColumns.length > 0 ? ` (${preview.csv.unmappedColumns.join(', ')})` : ''}.
            </p>
          </div>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {CSV_FIELDS.map((field) => (
              <MappingSelect
                key={field}
                label={FIELD_LABEL[field]}
                value={mapping[field] ?? ''}
                columns={preview.csv!.header}
                disabled={!!importing}
                onChange={(column) => {
                  const next = { ...mapping };
                  if (column) next[field] = column;
                  else delete next[field];
                  props.onMappingChange(next);
                }}
              />
            ))}
          </div>
          {mappingChanged && (
            <Alert tone="warning">
              You changed the mapping: preview again to see the records it reads before importing.{' '}
              <Button size="sm" variant="secondary" className="ml-2" onClick={props.onRepreview}>
                Preview with this mapping
              </Button>
            </Alert>
          )}
        </section>
      )}

      {preview.sample.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">First {plural(preview.sample.length, 'record')} as read</summary>
          <div className="mt-2">
            <Table label="First records as read">
              <THead>
                <TR>
                  <TH>Line</TH>
                  <TH>Title</TH>
                  <TH>Authors</TH>
                  <TH>Year</TH>
                  <TH>Journal</TH>
                  <TH>DOI / PMID</TH>
                </TR>
              </THead>
              <TBody>
                {preview.sample.map((r) => (
                  <TR key={r.line}>
                    <TD className="tabular-nums">{r.line}</TD>
                    <TD className="min-w-60">{r.title ?? <em>No title</em>}</TD>
                    <TD>{r.authors.slice(0, 3).join('; ')}{r.authors.length > 3 ? ' et al.' : ''}</TD>
                    <TD>{r.year ?? ''}</TD>
                    <TD>{r.journal ?? ''}</TD>
                    <TD className="break-all">{[r.doi, r.pmid && `PMID ${r.pmid}`].filter(Boolean).join(' · ')}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        </details>
      )}

      {needsSkip && (
        <div className="flex flex-col gap-1.5 text-sm">
          <div className="flex items-start gap-2">
            <input
              id={skipId}
              type="checkbox"
              className="mt-0.5 size-4 accent-accent-600"
              checked={skip}
              disabled={!!importing}
              aria-invalid={skipError && !skip ? true : undefined}
              aria-describedby={skipError && !skip ? `${skipId}-error` : undefined}
              onChange={(e) => {
                props.onSkipChange(e.target.checked);
                setSkipError(false);
              }}
            />
            <label htmlFor={skipId} className="font-medium">
              Skip the {plural(preview.problemRecords, 'record')} with problems
            </label>
          </div>
          <p className="text-zinc-600 dark:text-zinc-400">They are listed above and counted as “problems skipped” for this search; the other records are imported.</p>
          {skipError && !skip && (
            <p id={`${skipId}-error`} role="alert" className="font-medium text-red-700 dark:text-red-400">
              Tick “Skip the {plural(preview.problemRecords, 'record')} with problems” to import the rest, or cancel and fix the file.
            </p>
          )}
        </div>
      )}

      {error && <ImportErrorAlert error={error} />}
      {nothingToImport && !needsSkip && <Alert tone="warning">This file holds no record that can be imported.</Alert>}

      {importing ? (
        <div className="flex flex-col gap-3">
          <ProgressBar label={`Importing ${preview.fileName}`} progress={importing} processingText="Upload complete: importing and checking for duplicates…" />
          <div>
            <Button variant="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Button onClick={confirm} disabled={mappingChanged || (nothingToImport && !needsSkip)}>
            Import {plural(preview.recordsImportable, 'record')}
          </Button>
          <Button variant="secondary" onClick={props.onCancel}>
            Cancel
          </Button>
        </div>
      )}
    </section>
  );
}

function MappingSelect({ label, value, columns, disabled, onChange }: { label: string; value: string; columns: string[]; disabled: boolean; onChange(column: string): void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className="block h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <option value="">Not mapped</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}
