'use client';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type Ref } from 'react';
import { compileHighlighter } from '@/lib/domain/highlight';
import { Alert } from '../../../../../_components/ui/alert';
import { Button } from '../../../../../_components/ui/button';
import type { DecisionValue, ProgressView, QueueItem, ScreeningSetup } from '../_lib/types';
import { CriteriaList } from './criteria-list';
import { DecisionPanel, Kbd, type Draft } from './decision-panel';
import { FullTextPanel } from './full-text-panel';
import { HighlightLegend } from './highlighted-text';
import { ProgressSummary } from './progress-summary';
import { NO_RING, RecordView } from './record-view';
import { currentOf, ScreeningSession, type Entry, type SessionState } from './screening-session';
import { createSessionApi } from './session-api';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useScreeningKeys } from './use-screening-keys';

const EMPTY_DRAFT: Draft = { reasonId: null, note: '', checklist: {} };

function draftFrom(entry: Entry | null, notRetrievedReasonId: string | null): Draft {
  if (!entry) return EMPTY_DRAFT;
  const { reasonId, note, checklist } = entry.choice;
  return { reasonId: reasonId === notRetrievedReasonId ? null : reasonId, note, checklist: checklist ?? {} };
}

const isTextControl = (el: Element | null) => !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/** The screening screen: one record at a time, keyboard first, decisions saved behind the next record. */
export function ScreeningWorkspace({ setup, initial, decisionsHref }: { setup: ScreeningSetup; initial: { items: QueueItem[]; progress: ProgressView }; decisionsHref: string }) {
  const [session] = useState(() => new ScreeningSession(createSessionApi(setup.reviewId, setup.stage), initial));
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  const highlight = useMemo(() => compileHighlighter(setup.highlight), [setup.highlight]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const isFullText = setup.stage === 'full_text';
  const current = currentOf(state);
  const key = current ? `${current.item.record.id}:${state.cursor ?? 'head'}` : 'none';
  const [drafts, setDrafts] = useState<{ key: string; draft: Draft; reasonError: string | null }>({ key: '', draft: EMPTY_DRAFT, reasonError: null });
  const draft = drafts.key === key ? drafts.draft : draftFrom(current?.entry ?? null, setup.notRetrievedReasonId);
  const reasonError = drafts.key === key ? drafts.reasonError : null;
  const updateDraft = (patch: Partial<Draft>, error: string | null = null) => setDrafts({ key, draft: { ...draft, ...patch }, reasonError: error });

  function decide(decision: DecisionValue, reasonOverride?: string | null) {
    if (!current || (isFullText && decision === 'maybe')) return;
    let reasonId: string | null = null;
    if (isFullText && decision === 'exclude') {
      reasonId = reasonOverride ?? draft.reasonId;
      if (!reasonId) {
        updateDraft({}, 'Choose the reason for excluding this full text (keys 1–9), then press E.');
        reasonRef.current?.focus();
        return;
      }
    }
    const reasonLabel = reasonId === setup.notRetrievedReasonId ? 'Full text not retrievable' : (setup.reasons.find((r) => r.id === reasonId)?.label ?? null);
    const checklist = setup.hasChecklist && Object.keys(draft.checklist).length > 0 ? draft.checklist : null;
    session.decide({ decision, reasonId, reasonLabel, note: draft.note.trim(), checklist });
    // Back from a field to the record, so the next shortcut works and screen readers read the new title.
    if (isTextControl(document.activeElement)) requestAnimationFrame(() => headingRef.current?.focus());
  }

  function pickReason(n: number) {
    const reason = setup.reasons[n - 1];
    if (!reason || !current) return;
    updateDraft({ reasonId: reason.id });
    session.announce(`Reason ${n}: ${reason.label}. Press E to exclude.`);
  }

  useScreeningKeys({
    enabled: !dialogOpen,
    isFullText,
    onDecide: (d) => decide(d),
    // At full text without a chosen reason, decide() opens the reason list instead.
    onExcludeKey: () => decide('exclude'),
    onNotRetrieved: () => isFullText && setup.notRetrievedReasonId && decide('exclude', setup.notRetrievedReasonId),
    onReason: pickReason,
    onUndo: () => void session.undo(),
    onBack: () => session.back(),
    onForward: () => session.forward(),
    onEscape: () => session.toHead(),
    onNote: () => noteRef.current?.focus(),
    onHelp: () => setDialogOpen(true),
  });

  // After undo or moving in history, the record changes under the reader: put them on its title.
  const shownId = current?.item.record.id;
  const lastShown = useRef(shownId);
  useEffect(() => {
    if (lastShown.current !== shownId && document.activeElement === document.body) headingRef.current?.focus();
    lastShown.current = shownId;
  }, [shownId]);

  const lastEntry = state.history[state.history.length - 1];
  const saveStatus = state.saving > 0 ? 'Saving…' : lastEntry?.status === 'error' ? 'Last decision not saved' : lastEntry ? 'All decisions saved' : '';

  return (
    <div className="flex flex-col gap-4">
      {state.alert && (
        <Alert tone="error">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <span>{state.alert.message}</span>
            <span className="flex gap-2">
              {state.alert.recordId && (
                <Button size="sm" variant="secondary" onClick={() => session.showRecord(state.alert!.recordId!)}>
                  Show this record
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={() => session.dismissAlert()}>
                Dismiss
              </Button>
            </span>
          </div>
        </Alert>
      )}

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_17.5rem]">
        <div className="flex min-w-0 flex-col gap-5">
          {state.cursor !== null && (
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-accent-300 bg-accent-50 px-4 py-2.5 text-sm text-accent-700 dark:border-accent-700 dark:bg-zinc-900 dark:text-accent-300">
              <span>
                Looking back: decision {state.cursor + 1} of {state.history.length} in this session.
              </span>
              <Button size="sm" variant="secondary" onClick={() => session.toHead()} aria-keyshortcuts="Escape">
                Back to the queue <Kbd>Esc</Kbd>
              </Button>
            </div>
          )}
          {current ? (
            <RecordView
              key={current.item.record.id}
              record={current.item.record}
              highlight={highlight}
              headingRef={headingRef}
              beforeAbstract={isFullText ? <FullTextPanel item={current.item} setup={setup} onAttached={(v) => session.setFullText(current.item.record.id, v)} /> : null}
            />
          ) : (
            <QueueEnd state={state} setup={setup} decisionsHref={decisionsHref} headingRef={headingRef} onReload={() => session.reload()} onShow={(id) => session.showRecord(id)} />
          )}
          {current && (setup.highlight.include.length > 0 || setup.highlight.exclude.length > 0) && <HighlightLegend />}
        </div>

        <aside aria-label="Decision, progress and criteria" className="flex flex-col gap-6 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:pr-1">
          <ProgressSummary progress={state.progress} />
          {current && (
            <DecisionPanel setup={setup} draft={draft} onDraft={(p) => updateDraft(p)} entry={current.entry} onDecide={decide} reasonRef={reasonRef} noteRef={noteRef} reasonError={reasonError} />
          )}
          <div className="flex flex-col gap-2">
            <p className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400" aria-hidden="true">
              {saveStatus}
            </p>
            <div className="grid grid-cols-2 gap-2">
              <Button size="sm" variant="secondary" onClick={() => session.back()} disabled={state.history.length === 0 || state.cursor === 0} aria-keyshortcuts="K ArrowLeft">
                Previous <Kbd>K</Kbd>
              </Button>
              <Button size="sm" variant="secondary" onClick={() => session.forward()} disabled={state.cursor === null} aria-keyshortcuts="J ArrowRight">
                Next <Kbd>J</Kbd>
              </Button>
              <Button size="sm" variant="secondary" onClick={() => void session.undo()} disabled={state.history.length === 0} aria-keyshortcuts="U">
                Undo last <Kbd>U</Kbd>
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDialogOpen(true)} aria-keyshortcuts="Shift+?">
                Shortcuts <Kbd>?</Kbd>
              </Button>
            </div>
          </div>
          <CriteriaList criteria={setup.criteria} stage={setup.stage} reviewId={setup.reviewId} />
        </aside>
      </div>

      <div role="status" aria-live="polite" className="sr-only">
        {state.announcement}
      </div>
      <ShortcutsDialog open={dialogOpen} onOpenChange={setDialogOpen} stage={setup.stage} />
    </div>
  );
}

function QueueEnd({ state, setup, decisionsHref, headingRef, onReload, onShow }: {
  state: SessionState;
  setup: ScreeningSetup;
  decisionsHref: string;
  headingRef: Ref<HTMLHeadingElement>;
  onReload: () => void;
  onShow: (recordId: string) => void;
}) {
  if (state.loadError) {
    return (
      <Alert tone="error" title="The next record could not be loaded">
        <p>{state.loadError}</p>
        <Button size="sm" variant="secondary" className="mt-2" onClick={onReload}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (!state.drained || state.loading) {
    return <p className="py-10 text-center text-sm text-zinc-600 dark:text-zinc-400">Loading the next record…</p>;
  }
  const { screenedByMe, total } = state.progress;
  const isFullText = setup.stage === 'full_text';
  const unsaved = state.history.filter((e) => e.status === 'error' && !/already has|merged|removed|not passed/i.test(e.message ?? ''));
  return (
    <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center dark:border-zinc-700 dark:bg-zinc-900">
      <h3 ref={headingRef} tabIndex={-1} style={NO_RING} className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
        Nothing left for you at this stage
      </h3>
      <p className="max-w-prose text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        You have decided {screenedByMe.toLocaleString('en')} of the {total.toLocaleString('en')} {total === 1 ? 'record' : 'records'} at {isFullText ? 'full text' : 'title/abstract'}. The
        others already have the decisions they need, or are waiting for other reviewers{isFullText ? ' or for records to pass title/abstract screening' : ''}.
      </p>
      {unsaved.length > 0 && (
        <Alert tone="warning" className="text-left">
          {unsaved.length === 1 ? 'One of your decisions was' : `${unsaved.length} of your decisions were`} not saved, so {unsaved.length === 1 ? 'that record still needs' : 'those records still need'} you.{' '}
          <Button size="sm" variant="secondary" className="ml-1" onClick={() => onShow(unsaved[0].item.record.id)}>
            Show {unsaved.length === 1 ? 'it' : 'the first'}
          </Button>
        </Alert>
      )}
      <div className="mt-2 flex flex-wrap justify-center gap-2">
        <Button asChild variant="secondary" size="sm">
          <Link href={decisionsHref}>Review my decisions</Link>
        </Button>
        {!isFullText && (
          <Button asChild variant="secondary" size="sm">
            <Link href={`/reviews/${setup.reviewId}/screen?stage=full_text`}>Go to full-text screening</Link>
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={onReload}>
          Check again
        </Button>
      </div>
    </div>
  );
}
