'use client';
import type { ReactNode } from 'react';
import { Button } from '../../../_components/ui/button';

/** Brings a form into view and puts the cursor in its first field (the form sits beside the list). */
export function FocusFieldButton({ targetId, children }: { targetId: string; children: ReactNode }) {
  return (
    <Button
      onClick={() => {
        const el = document.getElementById(targetId);
        el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
        el?.focus({ preventScroll: true });
      }}
    >
      {children}
    </Button>
  );
}
