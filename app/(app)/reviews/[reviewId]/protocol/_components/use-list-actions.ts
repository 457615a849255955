'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import { UNEXPECTED_MESSAGE, type ActionResult } from '@/lib/actions/result';
import { useScreeningGuard } from './screening-guard';

/**
 * Runs a list button's server action behind the screening warning, keeps its error, announces
 * success to screen readers, and puts focus back on a button of the moved row (its old spot in
 * the DOM is gone after the list re-renders).
 */
export function useListActions(listVersion: unknown) {
  const { guard } = useScreeningGuard();
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const focusIds = useRef<string[] | null>(null);
  const [isPending, startTransition] = useTransition();

  const listAtStart = useRef<unknown>(null);

  // Once the list has re-rendered with the change (a new array from the server): focus the first
  // of the ids that is enabled. Focusing earlier is lost when React moves the row's DOM node.
  useEffect(() => {
    if (!focusIds.current || listVersion === listAtStart.current) return;
    const target = focusIds.current.map((id) => document.getElementById(id) as HTMLButtonElement | null).find((el) => el && !el.disabled);
    target?.focus();
    focusIds.current = null;
  }, [listVersion, announcement]);

  // Buttons stay enabled while an action runs (a disabled button drops keyboard focus); clicks then wait.
  const run = (action: () => Promise<ActionResult>, success: string, focusAfter?: string[]) =>
    !isPending &&
    guard(() =>
      startTransition(async () => {
        setError(null);
        listAtStart.current = listVersion;
        try {
          const result = await action();
          if (!result.ok) return setError(result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? UNEXPECTED_MESSAGE);
          setAnnouncement(success);
          focusIds.current = focusAfter ?? null;
        } catch {
          setError(UNEXPECTED_MESSAGE);
        }
      }),
    );

  return { run, error, announcement, isPending };
}
