'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import type { ReasonKind } from '@/lib/domain/protocol/types';
import { exclusionReasonSchema, type ExclusionReasonData, type ExclusionReasonInput } from '@/lib/schemas/protocol';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Button } from '../../../../../_components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from '../../../../../_components/ui/dialog';
import { Field } from '../../../../../_components/ui/field';
import { Input } from '../../../../../_components/ui/input';
import { Select } from '../../../../../_components/ui/select';
import { Textarea } from '../../../../../_components/ui/textarea';
import { saveReasonAction } from '../actions';
import { GuardNotice, useScreeningGuard } from './screening-guard';

export interface ReasonItem {
  id: string;
  kind: ReasonKind;
  label: string;
  description: string;
  position: number;
  priority: number;
  criterionId: string | null;
  isRetired: boolean;
  usedCount: number;
}

export type CriterionOption = { id: string; label: string };

/** Adds an exclusion reason (no `reason`) or edits one; the built-in reason keeps its label. */
export function ReasonDialog({ reviewId, reason, criteria, trigger }: { reviewId: string; reason?: ReasonItem; criteria: CriterionOption[]; trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { isConfirmed, confirm } = useScreeningGuard();
  const isSystem = reason?.kind === 'not_retrieved';
  const defaults: ExclusionReasonInput = { label: reason?.label ?? '', description: reason?.description ?? '', criterionId: reason?.criterionId ?? '' };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ExclusionReasonInput, unknown, ExclusionReasonData>({ resolver: zodResolver(exclusionReasonSchema), defaultValues: defaults });

  const onSubmit = async (data: ExclusionReasonData) => {
    try {
      const result = await saveReasonAction(reviewId, reason?.id ?? null, data);
      if (!result.ok) return applyServerErrors(result, setError, ['label', 'description', 'criterionId']);
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
        <DialogTitle>{reason ? 'Edit exclusion reason' : 'Add an exclusion reason'}</DialogTitle>
        <DialogDescription>
          {isSystem ? 'This reason is built in: PRISMA counts it apart, as reports not retrieved, so it keeps its name.' : 'Reviewers choose one reason when they exclude a full text.'}
        </DialogDescription>
        <form noValidate onSubmit={handleSubmit(onSubmit)} className="mt-5 flex flex-col gap-4">
          <GuardNotice />
          <FormError message={errors.root?.server?.message} />
          <Field label="Label" hint={isSystem ? undefined : 'Up to 120 characters.'} error={errors.label?.message}>
            {(p) => <Input {...p} autoComplete="off" readOnly={isSystem} {...register('label')} />}
          </Field>
          <Field label="Description" hint="Optional: when to choose this reason." error={errors.description?.message}>
            {(p) => <Textarea {...p} rows={3} {...register('description')} />}
          </Field>
          {!isSystem && (
            <Field label="Exclusion criterion" hint="Optional: the criterion this reason reports." error={errors.criterionId?.message}>
              {(p) => (
                <Select {...p} {...register('criterionId')}>
                  <option value="">None</option>
                  {criteria.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={isSubmitting}>
              {isConfirmed ? (reason ? 'Save reason' : 'Add reason') : 'Save anyway'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
