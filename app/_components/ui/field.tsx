'use client';
import { useId, type ReactNode } from 'react';
import { cx } from './cx';
import { Label } from './label';

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FieldProps {
  label: ReactNode;
  /** The first error message for this field, if any. */
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** A fixed id for the control (e.g. to focus it from elsewhere); generated otherwise. */
  id?: string;
  /** Receives the id and ARIA attributes to spread on the control. */
  children: (control: ControlProps) => ReactNode;
}

/** Label, control, hint and error, wired together for assistive technology. */
export function Field({ label, error, hint, className, id: fixedId, children }: FieldProps) {
  const generated = useId();
  const id = fixedId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('flex flex-col gap-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
