/**
 * The screening shortcuts, on the whole document. They never fire while the reviewer types in a
 * field (input, textarea, select, contenteditable), with Ctrl/Alt/Meta held, or when a dialog is
 * open; a held-down key does not repeat a decision.
 */
import { useEffect, useRef } from 'react';
import type { DecisionValue } from '../_lib/types';

interface Handlers {
  enabled: boolean;
  isFullText: boolean;
  onDecide: (decision: DecisionValue) => void;
  onExcludeKey: () => void;
  onNotRetrieved: () => void;
  onReason: (n: number) => void;
  onUndo: () => void;
  onBack: () => void;
  onForward: () => void;
  onEscape: () => void;
  onNote: () => void;
  onHelp: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useScreeningKeys(handlers: Handlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const h = latest.current;
      if (!h.enabled || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // Keys that act on a button the reviewer is on keep their usual meaning.
      if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLElement && e.target.closest('button, a, summary')) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const act = (fn: () => void, repeatable = false) => {
        e.preventDefault();
        if (e.repeat && !repeatable) return;
        fn();
      };
      switch (key) {
        case 'i':
          return act(() => h.onDecide('include'));
        case 'e':
          return act(h.onExcludeKey);
        case 'm':
          return h.isFullText ? undefined : act(() => h.onDecide('maybe'));
        case 'r':
          return h.isFullText ? act(h.onNotRetrieved) : undefined;
        case 'u':
          return act(h.onUndo);
        case 'k':
        case 'ArrowLeft':
          return act(h.onBack, true);
        case 'j':
        case 'ArrowRight':
          return act(h.onForward, true);
        case 'Escape':
          return h.onEscape();
        case 'n':
          return act(h.onNote);
        case '?':
          return act(h.onHelp);
        default:
          if (h.isFullText && /^[1-9]$/.test(key)) act(() => h.onReason(Number(key)));
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
