'use client';
import { useMemo, useState } from 'react';
import { compileHighlighter } from '@/lib/domain/highlight/highlight';
import { normalizeTerms } from '@/lib/domain/protocol/highlight-terms';
import { FormError } from '../../../../../_components/form-error';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Textarea } from '../../../../../_components/ui/textarea';
import { HighlightedText } from './highlighted-text';
import { SaveRow } from './question-form';
import { useSectionForm } from './use-section-form';

const SAMPLE =
  'A single dose of ketamine rapidly increased BDNF and synaptic protein levels and restored dendritic spine density in chronically stressed mice; this review of preclinical studies excludes anesthesia and pain models.';

const SYNTAX = 'One term per line. Words match by stem (depress matches depression, depressive); end a word with * for a prefix (synap* matches synapse, synaptic); several words match as a phrase.';

export function HighlightForm({ reviewId, defaults, version }: { reviewId: string; defaults: Record<string, string>; version: number }) {
  const { form, onSubmit, status } = useSectionForm(reviewId, 'highlights', defaults, version);
  const {
    register,
    watch,
    formState: { errors, isSubmitting },
  } = form;
  const [sample, setSample] = useState(SAMPLE);
  const include = watch('highlightInclude') ?? '';
  const exclude = watch('highlightExclude') ?? '';
  const segments = useMemo(() => compileHighlighter({ include: normalizeTerms(include), exclude: normalizeTerms(exclude) })(sample), [include, exclude, sample]);

  return (
    <form noValidate aria-labelledby="highlights-title" onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={errors.root?.server?.message} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{SYNTAX}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Inclusion terms (green)" hint="Signal a record may be relevant." error={errors.highlightInclude?.message}>
          {(p) => <Textarea {...p} rows={8} spellCheck={false} {...register('highlightInclude')} />}
        </Field>
        <Field label="Exclusion terms (red)" hint="Signal a record may be out of scope." error={errors.highlightExclude?.message}>
          {(p) => <Textarea {...p} rows={8} spellCheck={false} {...register('highlightExclude')} />}
        </Field>
      </div>
      <div className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950/40">
        <Field label="Try the terms on a sentence" hint="Not saved; only a preview.">
          {(p) => <Input {...p} value={sample} onChange={(e) => setSample(e.target.value)} />}
        </Field>
        <p className="text-sm leading-relaxed">
          <span className="sr-only">Preview: </span>
          <HighlightedText segments={segments} />
        </p>
      </div>
      <SaveRow pending={isSubmitting} status={status} label="Save highlight terms" />
    </form>
  );
}
