'use client';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Alert } from '../../../../../_components/ui/alert';

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

/** The last thing done on this page; a resolved conflict leaves the list, so its message lives here. */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

/**
 * Holds the page's success message above the list. When the item that was acted on disappears,
 * focus moves to the message so keyboard and screen reader users are not left nowhere.
 */
export function ConflictAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const announce = useCallback((m: string) => {
    setMessage(m);
    requestAnimationFrame(() => ref.current?.focus());
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      <div ref={ref} tabIndex={-1} className="outline-none empty:hidden">
        {message && <Alert tone="success">{message}</Alert>}
      </div>
      {children}
    </AnnounceContext.Provider>
  );
}
