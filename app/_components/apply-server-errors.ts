import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ActionFailure } from '@/lib/actions/result';

/**
 * Puts a failed action's messages back on the form: field messages on their fields, the rest
 * (form message, or messages for fields the form does not show) on `root.server`.
 */
export function applyServerErrors<T extends FieldValues>(result: ActionFailure, setError: UseFormSetError<T>, fields: readonly Path<T>[]): void {
  const leftover: string[] = [];
  let focused = false;
  for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
    if ((fields as readonly string[]).includes(key)) {
      setError(key as Path<T>, { type: 'server', message: messages[0] }, { shouldFocus: !focused });
      focused = true;
    } else {
      leftover.push(...messages);
    }
  }
  const formMessage = [result.formError, ...leftover].filter(Boolean).join(' ');
  if (formMessage) setError('root.server' as Path<T>, { type: 'server', message: formMessage });
}
