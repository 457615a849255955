'use client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from '../../../../../_components/ui/dialog';

interface Guard {
  /** The server's warning once screening has started; null before. */
  warning: string | null;
  /** Whether the owner already confirmed on this page visit. */
  isConfirmed: boolean;
  confirm: () => void;
  /** Runs `action` now, or after the owner confirms the warning. */
  guard: (action: () => void) => void;
}

const GuardContext = createContext<Guard>({ warning: null, isConfirmed: true, confirm: () => {}, guard: (action) => action() });

export const useScreeningGuard = () => useContext(GuardContext);

/**
 * Once screening has started, the first change to criteria or reasons on this page asks first
 * (the "changing criteria after screening began shows a warning"); later ones go through.
 */
export function ScreeningGuard({ warning, children }: { warning: string | null; children: ReactNode }) {
  const [isConfirmed, setConfirmed] = useState(false);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const confirm = useCallback(() => setConfirmed(true), []);
  const guard = useCallback(
    (action: () => void) => {
      if (!warning || isConfirmed) action();
      else setPending(() => action);
    },
    [warning, isConfirmed],
  );
  const value = useMemo(() => ({ warning, isConfirmed: !warning || isConfirmed, confirm, guard }), [warning, isConfirmed, confirm, guard]);

  return (
    <GuardContext.Provider value={value}>
      {children}
      <Dialog open={pending !== null} onOpenChange={(open) => !open && setPending(null)}>
        <DialogContent>
          <DialogTitle>Change the protocol during screening?</DialogTitle>
          <DialogDescription asChild>
            <div>
              <Alert tone="warning" className="mt-2">
                {warning}
              </Alert>
            </div>
          </DialogDescription>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button
              onClick={() => {
                const action = pending;
                setConfirmed(true);
                setPending(null);
                action?.();
              }}
            >
              Change anyway
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </GuardContext.Provider>
  );
}

/** The warning inside an edit dialog: saving it is the confirmation. */
export function GuardNotice() {
  const { warning, isConfirmed } = useScreeningGuard();
  if (!warning || isConfirmed) return null;
  return <Alert tone="warning">{warning}</Alert>;
}
