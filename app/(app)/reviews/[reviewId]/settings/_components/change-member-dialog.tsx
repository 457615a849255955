'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { ROLES, updateMemberSchema } from '@/lib/schemas/review';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { FormError } from '../../../../../_components/form-error';
import { Button } from '../../../../../_components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from '../../../../../_components/ui/dialog';
import { Field } from '../../../../../_components/ui/field';
import { Select } from '../../../../../_components/ui/select';
import { changeMemberAction } from '../actions';
import type { MemberRow } from './member-actions';

type FormInput = z.input<typeof updateMemberSchema>;
type FormOutput = z.output<typeof updateMemberSchema>;

const CHECKBOX = 'mt-0.5 size-4 shrink-0 accent-accent-600 disabled:opacity-60';
const ROLE_LABEL = { owner: 'Owner', reviewer: 'Reviewer', viewer: 'Viewer' } as const;

export function ChangeMemberDialog({ reviewId, member, who }: { reviewId: string; member: MemberRow; who: string }) {
  const [open, setOpen] = useState(false);
  const defaults = { role: member.role, canAdjudicate: member.canAdjudicate };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(updateMemberSchema), defaultValues: defaults });
  const isOwnerRole = watch('role') === 'owner';

  const onSubmit = async (data: FormOutput) => {
    try {
      // Owners always adjudicate; keep the stored flag in step with that.
      const result = await changeMemberAction(reviewId, member.userId, data.role === 'owner' ? { ...data, canAdjudicate: true } : data);
      if (!result.ok) return applyServerErrors(result, setError, ['role', 'canAdjudicate']);
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
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Change role<span className="sr-only"> of {who}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Change {member.name}’s access</DialogTitle>
        <DialogDescription>A review always keeps at least one owner.</DialogDescription>
        <form noValidate onSubmit={handleSubmit(onSubmit)} className="mt-5 flex flex-col gap-4">
          <FormError message={errors.root?.server?.message} />
          <Field label="New role" error={errors.role?.message}>
            {(p) => (
              <Select {...p} {...register('role')}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <label className="flex items-start gap-3 text-sm">
            {isOwnerRole ? (
              <input key="owner" type="checkbox" checked disabled readOnly className={CHECKBOX} />
            ) : (
              <input key="member" type="checkbox" className={CHECKBOX} {...register('canAdjudicate')} />
            )}
            <span>
              <span className="font-medium">Can settle conflicts (adjudicator)</span>
              <span className="block text-zinc-600 dark:text-zinc-400">{isOwnerRole ? 'Owners can always settle conflicts.' : 'Decides records on which two reviewers disagreed.'}</span>
            </span>
          </label>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={isSubmitting}>
              Save changes
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
