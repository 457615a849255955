'use client';
import { Button } from '../_components/ui/button';

/** An unexpected failure while rendering a page: logged on the server, shown here without details. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-start gap-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        This page could not be shown. The problem has been logged; please try again.
        {error.digest && <span className="mt-2 block text-sm text-zinc-600 dark:text-zinc-400">Reference: {error.digest}</span>}
      </p>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
