'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import type { CriterionKind, Stage } from '@/lib/domain/protocol/types';
import { criterionSchema, type CriterionData, type CriterionInput } from '@/lib/schemas/protocol';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Button } from '../../../../../_components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from '../../../../../_components/ui/dialog';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Select } from '../../../../../_components/ui/select';
import { Textarea } from '../../../../../_components/ui/textarea';
import { saveCriterionAction } from '../actions';
import { GuardNotice, useScreeningGuard } from './screening-guard';
import { StageCheckboxes } from './stage-checkboxes';

export interface CriterionItem {
  id: string;
  kind: CriterionKind;
  label: string;
  description: string;
  stages: Stage[];
  isRetired: boolean;
}

const EMPTY: CriterionInput = { kind: 'inclusion', label: '', description: '', stages: ['title_abstract', 'full_text'] };

/** Adds a criterion (no `criterion`) or edits one, in a dialog. */
export function CriterionDialog({ reviewId, criterion, trigger }: { reviewId: string; criterion?: CriterionItem; trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { isConfirmed, confirm } = useScreeningGuard();
  const defaults: CriterionInput = criterion ? { kind: criterion.kind, label: criterion.label, description: criterion.description, stages: criterion.stages } : EMPTY;
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CriterionInput, unknown, CriterionData>({ resolver: zodResolver(criterionSchema), defaultValues: defaults });

  const onSubmit = async (data: CriterionData) => {
    try {
      const result = await saveCriterionAction(reviewId, criterion?.id ?? null, data);
      if (!result.ok) return applyServerErrors(result, setError, ['kind', 'label', 'description', 'stages']);
      confirm();
      setOpen(false);
    } catch {
      setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) reset(defaults);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogTitle>{criterion ? 'Edit criterion' : 'Add a criterion'}</DialogTitle>
        <DialogDescription>A short label reviewers see beside each record, and the detail they can open.</DialogDescription>
        <form noValidate onSubmit={handleSubmit(onSubmit)} className="mt-5 flex flex-col gap-4">
          <GuardNotice />
          <FormError message={errors.root?.server?.message} />
          <Field label="Kind" error={errors.kind?.message}>
            {(p) => (
              <Select {...p} {...register('kind')}>
                <option value="inclusion">Inclusion criterion</option>
                <option value="exclusion">Exclusion criterion</option>
              </Select>
            )}
          </Field>
          <Field label="Label" hint="Up to 120 characters." error={errors.label?.message}>
            {(p) => <Input {...p} autoComplete="off" {...register('label')} />}
          </Field>
          <Field label="Description" hint="Optional: what counts, with examples." error={errors.description?.message}>
            {(p) => <Textarea {...p} rows={3} {...register('description')} />}
          </Field>
          <Controller
            control={control}
            name="stages"
            render={({ field }) => <StageCheckboxes value={field.value ?? []} onChange={field.onChange} error={errors.stages?.message} />}
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={isSubmitting}>
              {isConfirmed ? (criterion ? 'Save criterion' : 'Add criterion') : 'Save anyway'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
