import { Alert } from './ui/alert';

/** The form-level message (react-hook-form's `errors.root.server`), announced as an alert. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <Alert tone="error">{message}</Alert>;
}
