'use client';
import type { ReactNode, Ref } from 'react';
import { cx } from '../../../../../_components/ui/cx';
import { Select } from '../../../../../_components/ui/select';
import { Textarea } from '../../../../../_components/ui/textarea';
import { DECISION_LABEL, type ChecklistAnswer, type DecisionValue, type ScreeningSetup } from '../_lib/types';
import type { Entry } from './screening-session';

export interface Draft {
  reasonId: string | null;
  note: string;
  checklist: Record<string, ChecklistAnswer>;
}

const TONE: Record<DecisionValue, string> = {
  include: 'border-emerald-700 text-emerald-800 hover:bg-emerald-50 dark:border-emerald-500 dark:text-emerald-300 dark:hover:bg-emerald-950',
  exclude: 'border-red-700 text-red-800 hover:bg-red-50 dark:border-red-500 dark:text-red-300 dark:hover:bg-red-950',
  maybe: 'border-amber-700 text-amber-900 hover:bg-amber-50 dark:border-amber-500 dark:text-amber-300 dark:hover:bg-amber-950',
};

const CHOSEN: Record<DecisionValue, string> = {
  include: 'bg-emerald-50 ring-2 ring-emerald-700 dark:bg-emerald-950 dark:ring-emerald-500',
  exclude: 'bg-red-50 ring-2 ring-red-700 dark:bg-red-950 dark:ring-red-500',
  maybe: 'bg-amber-50 ring-2 ring-amber-700 dark:bg-amber-950 dark:ring-amber-500',
};

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd aria-hidden="true" className="rounded border border-current/40 px-1.5 py-px font-mono text-xs leading-none font-medium opacity-80">
      {children}
    </kbd>
  );
}

function DecisionButton({ value, shortcut, chosen, onClick, children }: { value: DecisionValue; shortcut: string; chosen: boolean; onClick: () => void; children?: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-keyshortcuts={shortcut}
      className={cx('flex h-11 w-full items-center justify-between gap-2 rounded-md border-2 bg-white px-3 text-sm font-semibold transition-colors dark:bg-zinc-900', TONE[value], chosen && CHOSEN[value])}
    >
      <span>{children ?? DECISION_LABEL[value]}</span>
      <Kbd>{shortcut}</Kbd>
    </button>
  );
}

interface Props {
  setup: ScreeningSetup;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  entry: Entry | null;
  onDecide: (decision: DecisionValue, reasonId?: string | null) => void;
  reasonRef: Ref<HTMLSelectElement>;
  noteRef: Ref<HTMLTextAreaElement>;
  reasonError: string | null;
}

/** The decision controls for the record on screen. */
export function DecisionPanel({ setup, draft, onDraft, entry, onDecide, reasonRef, noteRef, reasonError }: Props) {
  const isFullText = setup.stage === 'full_text';
  const chosen = entry?.status === 'error' ? null : (entry?.choice.decision ?? null);
  const notRetrieved = chosen === 'exclude' && entry?.choice.reasonId === setup.notRetrievedReasonId;

  return (
    <section aria-labelledby="decide-heading" className="flex flex-col gap-3">
      <h3 id="decide-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Your decision
      </h3>
      {entry && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {entry.status === 'error' ? (
            <span className="font-medium text-red-700 dark:text-red-400">Not saved: {entry.message}</span>
          ) : (
            <>
              You chose <strong>{DECISION_LABEL[entry.choice.decision]}</strong>
              {entry.choice.reasonLabel ? ` (${entry.choice.reasonLabel})` : ''}
              {entry.status === 'saving' ? ' — saving…' : '. Choose again to change it.'}
            </>
          )}
        </p>
      )}

      {!isFullText ? (
        <div className="grid grid-cols-1 gap-2">
          <DecisionButton value="include" shortcut="I" chosen={chosen === 'include'} onClick={() => onDecide('include')} />
          <DecisionButton value="exclude" shortcut="E" chosen={chosen === 'exclude'} onClick={() => onDecide('exclude')} />
          <DecisionButton value="maybe" shortcut="M" chosen={chosen === 'maybe'} onClick={() => onDecide('maybe')} />
        </div>
      ) : (
        <div className="flex flex-col gap-2">
          <DecisionButton value="include" shortcut="I" chosen={chosen === 'include'} onClick={() => onDecide('include')} />
          <div className="mt-1 flex flex-col gap-1.5 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <label htmlFor="exclusion-reason" className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
              Exclusion reason <span className="font-normal text-zinc-600 dark:text-zinc-400">(keys 1–{Math.min(9, setup.reasons.length) || 1})</span>
            </label>
            <Select
              id="exclusion-reason"
              ref={reasonRef}
              value={draft.reasonId ?? ''}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'exclusion-reason-error' : undefined}
              onChange={(e) => onDraft({ reasonId: e.target.value || null })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && draft.reasonId) {
                  e.preventDefault();
                  onDecide('exclude', draft.reasonId);
                }
              }}
            >
              <option value="">Choose a reason…</option>
              {setup.reasons.map((r, i) => (
                <option key={r.id} value={r.id}>
                  {i < 9 ? `${i + 1}. ` : ''}
                  {r.label}
                </option>
              ))}
            </Select>
            {reasonError && (
              <p id="exclusion-reason-error" role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
                {reasonError}
              </p>
            )}
            {setup.reasons.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">The protocol has no exclusion reasons yet; an owner adds them on the Protocol page.</p>}
            <DecisionButton value="exclude" shortcut="E" chosen={chosen === 'exclude' && !notRetrieved} onClick={() => onDecide('exclude', draft.reasonId)}>
              Exclude
            </DecisionButton>
          </div>
          {setup.notRetrievedReasonId && (
            <button
              type="button"
              onClick={() => onDecide('exclude', setup.notRetrievedReasonId)}
              aria-keyshortcuts="R"
              className={cx(
                'flex h-10 w-full items-center justify-between gap-2 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800',
                notRetrieved && 'ring-2 ring-zinc-700 dark:ring-zinc-300',
              )}
            >
              <span>Full text not retrievable</span>
              <Kbd>R</Kbd>
            </button>
          )}
        </div>
      )}

      {setup.hasChecklist && setup.criteria.length > 0 && <Checklist setup={setup} draft={draft} onDraft={onDraft} />}

      <div className="flex flex-col gap-1.5">
        <label htmlFor="decision-note" className="flex items-center justify-between text-sm font-medium text-zinc-900 dark:text-zinc-100">
          <span>
            Note <span className="font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
          </span>
          <Kbd>N</Kbd>
        </label>
        <Textarea id="decision-note" ref={noteRef} rows={2} maxLength={5000} value={draft.note} onChange={(e) => onDraft({ note: e.target.value })} aria-keyshortcuts="N" />
      </div>
    </section>
  );
}

const ANSWERS: Array<{ value: ChecklistAnswer; label: string }> = [
  { value: 'met', label: 'Met' },
  { value: 'not_met', label: 'Not met' },
  { value: 'unclear', label: 'Unclear' },
];

function Checklist({ setup, draft, onDraft }: Pick<Props, 'setup' | 'draft' | 'onDraft'>) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Criteria checklist</p>
      {setup.criteria.map((c) => (
        <fieldset key={c.id} className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <legend className="px-1 text-sm text-zinc-800 dark:text-zinc-200">{c.label}</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {ANSWERS.map((a) => (
              <label key={a.value} className="flex items-center gap-1.5 text-sm text-zinc-700 dark:text-zinc-300">
                <input
                  type="radio"
                  name={`check-${c.id}`}
                  value={a.value}
                  checked={draft.checklist[c.id] === a.value}
                  onChange={() => onDraft({ checklist: { ...draft.checklist, [c.id]: a.value } })}
                  className="accent-accent-600"
                />
                {a.label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
