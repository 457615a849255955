'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { SOURCE_TYPES, SUGGESTED_SOURCES } from '@/lib/schemas/import';
import type { ImportPreview, ImportResult } from '@/lib/services/import';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { Card, CardBody, CardHeader } from '../../../../../_components/ui/card';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Select } from '../../../../../_components/ui/select';
import { Textarea } from '../../../../../_components/ui/textarea';
import { formatBytes, plural, SOURCE_TYPE_LABEL } from '../_lib/format';
import { newImportId, upload, type ApiFailure, type UploadHandle, type UploadProgress } from '../_lib/upload';
import { ImportErrorAlert, PreviewPanel } from './preview-panel';
import { ProgressBar } from './progress-bar';

const OTHER = 'Other';
const REGISTERS = new Set(['ClinicalTrials.gov', 'WHO ICTRP']);
const OTHER_METHODS = new Set(['Google Scholar', 'Citation searching']);

const formSchema = z
  .object({
    sourceChoice: z.string().min(1, 'Choose the source this file came from.'),
    sourceOther: z.string().trim().max(200, 'Use at most 200 characters.'),
    sourceType: z.enum(SOURCE_TYPES),
    query: z.string().max(50_000, 'Use at most 50,000 characters for the query.'),
    dateRun: z
      .string()
      .refine((s) => s === '' || /^\d{4}-\d{2}-\d{2}$/.test(s), 'Write the date as YYYY-MM-DD, for example 2024-03-15.')
      .refine((s) => s === '' || new Date(`${s}T00:00:00Z`).getTime() <= Date.now() + 36 * 3600 * 1000, 'The date a search was run cannot be in the future.'),
    notes: z.string().max(10_000, 'Use at most 10,000 characters for notes.'),
    file: z.custom<FileList>((v) => typeof FileList !== 'undefined' && v instanceof FileList && v.length === 1, 'Choose the export file of this search.'),
  })
  .superRefine((v, ctx) => {
    if (v.sourceChoice === OTHER && !v.sourceOther) ctx.addIssue({ code: 'custom', path: ['sourceOther'], message: 'Name the source this file came from.' });
  });
type FormValues = z.infer<typeof formSchema>;

type Phase =
  | { kind: 'form' }
  | { kind: 'previewing'; progress: UploadProgress }
  | { kind: 'preview'; preview: ImportPreview; importing?: UploadProgress; error?: ApiFailure };

interface Snapshot {
  values: FormValues;
  file: File;
}

export function ImportForm({ reviewId, maxUploadMb }: { reviewId: string; maxUploadMb: number }) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [formError, setFormError] = useState<ApiFailure | null>(null);
  const [success, setSuccess] = useState<ImportResult | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mappingChanged, setMappingChanged] = useState(false);
  const [skip, setSkip] = useState(false);
  const snapshot = useRef<Snapshot | null>(null);
  const pending = useRef<UploadHandle<unknown> | null>(null);
  const successRef = useRef<HTMLDivElement>(null);

  const {
    register,
    handleSubmit,
    setValue,
    setError,
    reset,
    control,
    formState: { errors },
  } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { sourceChoice: 'PubMed', sourceOther: '', sourceType: 'database', query: '', dateRun: '', notes: '' },
  });
  const sourceChoice = useWatch({ control, name: 'sourceChoice' });

  useEffect(() => () => pending.current?.abort(), []);

  const fieldsOf = (values: FormValues, file: File, importId: string, extra: { csvMapping?: Record<string, string>; skipProblemRecords?: boolean } = {}) => {
    const form = new FormData();
    form.set('importId', importId);
    form.set('source', values.sourceChoice === OTHER ? values.sourceOther : values.sourceChoice);
    form.set('sourceType', values.sourceType);
    form.set('query', values.query);
    form.set('dateRun', values.dateRun);
    form.set('notes', values.notes);
    if (extra.csvMapping) form.set('csvMapping', JSON.stringify({ fields: extra.csvMapping }));
    if (extra.skipProblemRecords !== undefined) form.set('skipProblemRecords', String(extra.skipProblemRecords));
    form.set('file', file, file.name);
    return form;
  };

  /** Field errors the API found (zod issues), put back on their fields. */
  const applyIssues = (error: ApiFailure) => {
    const known: Record<string, keyof FormValues> = { source: 'sourceChoice', sourceType: 'sourceType', query: 'query', dateRun: 'dateRun', notes: 'notes', file: 'file' };
    for (const issue of error.issues) {
      const field = known[issue.path];
      if (field) setError(field, { message: issue.message });
    }
  };

  const runPreview = async (snap: Snapshot, csvMapping?: Record<string, string>) => {
    setFormError(null);
    setSuccess(null);
    setPhase({ kind: 'previewing', progress: { loaded: 0, total: snap.file.size, done: false } });
    const importId = newImportId();
    const handle = upload<ImportPreview>(
      `/api/v1/reviews/${reviewId}/imports/preview`,
      fieldsOf(snap.values, snap.file, importId, { csvMapping }),
      (progress) => setPhase((p) => (p.kind === 'previewing' ? { kind: 'previewing', progress } : p)),
      { progressUrl: `/api/v1/reviews/${reviewId}/imports/${importId}` },
    );
    pending.current = handle as UploadHandle<unknown>;
    const result = await handle.promise;
    pending.current = null;
    if (!result.ok) {
      applyIssues(result.error);
      setFormError(result.error);
      setPhase({ kind: 'form' });
      return;
    }
    snapshot.current = snap;
    setMapping(result.body.csv?.mapping ?? {});
    setMappingChanged(false);
    setSkip(false);
    setPhase({ kind: 'preview', preview: result.body });
  };

  const onPreview = (values: FormValues) => runPreview({ values, file: values.file[0] });

  const cancel = () => {
    pending.current?.abort();
    pending.current = null;
    setPhase({ kind: 'form' });
  };

  const runImport = async (preview: ImportPreview) => {
    const snap = snapshot.current;
    if (!snap) return;
    setPhase({ kind: 'preview', preview, importing: { loaded: 0, total: snap.file.size, done: false } });
    const importId = newImportId();
    const handle = upload<ImportResult>(
      `/api/v1/reviews/${reviewId}/searches`,
      fieldsOf(snap.values, snap.file, importId, { csvMapping: preview.csv ? mapping : undefined, skipProblemRecords: skip }),
      (progress) => setPhase((p) => (p.kind === 'preview' && p.importing ? { ...p, importing: progress } : p)),
      { progressUrl: `/api/v1/reviews/${reviewId}/imports/${importId}` },
    );
    pending.current = handle as UploadHandle<unknown>;
    const result = await handle.promise;
    pending.current = null;
    if (!result.ok) {
      setPhase({ kind: 'preview', preview, error: result.error });
      return;
    }
    snapshot.current = null;
    setSuccess(result.body);
    setPhase({ kind: 'form' });
    reset({ sourceChoice: snap.values.sourceChoice, sourceOther: snap.values.sourceOther, sourceType: snap.values.sourceType, query: '', dateRun: snap.values.dateRun, notes: '' });
    router.refresh();
    requestAnimationFrame(() => successRef.current?.focus());
  };

  const locked = phase.kind !== 'form';
  const fileField = register('file');

  return (
    <Card>
      <CardHeader>
        <h3 id="add-search-title" className="text-base font-semibold">
          Add a search
        </h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Describe the search as it was run, then upload its export. You see a preview first; nothing is stored until you confirm, and a file is imported whole or not at all.
        </p>
      </CardHeader>
      <CardBody className="flex flex-col gap-5">
        <div ref={successRef} tabIndex={-1} className="outline-none empty:hidden">
          {success && (
            <Alert tone="success" title="Search imported">
              <p>
                Imported {plural(success.recordsImported, 'record')} from {success.fileName}; {plural(success.duplicates.newRecordsRemoved, 'record')} linked to an earlier copy as exact duplicates,{' '}
                {plural(success.duplicates.likely, 'likely duplicate')} to review.
              </p>
              {success.duplicates.likely > 0 && (
                <p className="mt-1">
                  <Link href={`/reviews/${reviewId}/duplicates`} className="font-medium underline underline-offset-2">
                    Review the likely duplicates
                  </Link>
                </p>
              )}
              {success.duplicates.likely === 0 && (
                <p className="mt-1">
                  <Link href={`/reviews/${reviewId}/duplicates`} className="font-medium underline underline-offset-2">
                    See the duplicates
                  </Link>
                </p>
              )}
            </Alert>
          )}
        </div>

        {formError && <ImportErrorAlert error={formError} />}

        <form noValidate aria-labelledby="add-search-title" onSubmit={(e) => void handleSubmit(onPreview)(e)} className="flex flex-col gap-4">
          <fieldset disabled={locked} className="flex flex-col gap-4 disabled:opacity-80">
            <legend className="sr-only">Search details</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Source" error={errors.sourceChoice?.message}>
                {(p) => (
                  <Select
                    {...p}
                    {...register('sourceChoice', {
                      onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
                        const v = e.target.value;
                        setValue('sourceType', REGISTERS.has(v) ? 'register' : OTHER_METHODS.has(v) || v === OTHER ? 'other' : 'database');
                      },
                    })}
                  >
                    {SUGGESTED_SOURCES.map((s) => (
                      <option key={s} value={s}>
                        {s === OTHER ? 'Other…' : s}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="Source type" error={errors.sourceType?.message} hint="PRISMA counts databases, registers and other methods apart.">
                {(p) => (
                  <Select {...p} {...register('sourceType')}>
                    {SOURCE_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {SOURCE_TYPE_LABEL[t]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            {sourceChoice === OTHER && (
              <Field label="Name of the source" error={errors.sourceOther?.message}>
                {(p) => <Input {...p} autoComplete="off" {...register('sourceOther')} />}
              </Field>
            )}
            <Field label="Query" error={errors.query?.message} hint="The search string exactly as it was run (PRISMA-S item 8).">
              {(p) => <Textarea {...p} rows={3} className="font-mono" {...register('query')} />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Date run" error={errors.dateRun?.message} hint="Optional.">
                {(p) => <Input {...p} type="date" {...register('dateRun')} />}
              </Field>
              <Field label="Notes" error={errors.notes?.message} hint="Optional: limits, filters, interface used.">
                {(p) => <Input {...p} autoComplete="off" {...register('notes')} />}
              </Field>
            </div>
            <Field
              label="Export file"
              error={errors.file?.message}
              hint={`PubMed MEDLINE (.nbib/.txt), PubMed XML, RIS, or CSV/TSV; the format is detected from the content. Up to ${maxUploadMb.toLocaleString('en-GB')} MB.`}
            >
              {(p) => (
                <input
                  {...p}
                  type="file"
                  accept=".nbib,.txt,.xml,.ris,.csv,.tsv,text/plain,text/csv,application/xml,text/xml"
                  className="block w-full text-sm text-zinc-900 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-900 hover:file:bg-zinc-100 dark:text-zinc-100 dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100"
                  {...fileField}
                  onChange={(e) => {
                    setFormError(null);
                    return fileField.onChange(e);
                  }}
                />
              )}
            </Field>
          </fieldset>
          {phase.kind === 'form' && (
            <div>
              <Button type="submit">Preview</Button>
            </div>
          )}
        </form>

        {phase.kind === 'previewing' && (
          <div className="flex flex-col gap-3">
            <ProgressBar label="Uploading the file for the preview" progress={phase.progress} processingText="Reading the file on the server…" />
            <div>
              <Button variant="secondary" onClick={cancel}>
                Cancel
              </Button>
            </div>
          </div>
        )}

        {phase.kind === 'preview' && (
          <PreviewPanel
            preview={phase.preview}
            mapping={mapping}
            mappingChanged={mappingChanged}
            onMappingChange={(next) => {
              setMapping(next);
              setMappingChanged(true);
            }}
            onRepreview={() => snapshot.current && runPreview(snapshot.current, mapping)}
            skip={skip}
            onSkipChange={setSkip}
            importing={phase.importing}
            error={phase.error}
            onImport={() => runImport(phase.preview)}
            onCancel={cancel}
          />
        )}
        <p className="sr-only" aria-live="polite">
          {phase.kind === 'preview' && !phase.importing ? `Preview ready: ${plural(phase.preview.recordsRead, 'record')} read from ${phase.preview.fileName} (${formatBytes(phase.preview.fileSize)}).` : ''}
        </p>
      </CardBody>
    </Card>
  );
}
