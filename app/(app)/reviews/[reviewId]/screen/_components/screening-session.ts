/**
 * One screening session in the browser: the prefetched queue, this session's history and the
 * decisions on their way to the server. A plain store (React reads it with
 * useSyncExternalStore), so callbacks that finish later always see the latest state.
 *
 * Decisions are optimistic: the next record shows at once and the decision is sent behind it.
 * Saves of one record are chained, so a quick change can never overtake the first save. A save
 * the server refuses stays in the history marked "not saved", and is skipped when asking the
 * server for more, so the reviewer can go back to it rather than meet it again unannounced.
 */
import type { ChecklistAnswer, DecisionValue, ProgressView, QueueItem, FullTextView } from '../_lib/types';
import { DECISION_LABEL } from '../_lib/types';

export const BUFFER = 3;

export interface Choice {
  decision: DecisionValue;
  reasonId: string | null;
  reasonLabel: string | null;
  note: string;
  checklist: Record<string, ChecklistAnswer> | null;
}

export interface Entry {
  item: QueueItem;
  choice: Choice;
  status: 'saving' | 'saved' | 'error';
  message?: string;
}

export interface SessionState {
  /** queue[0] is on screen unless the reviewer is looking back at their history. */
  queue: QueueItem[];
  /** This session's decisions, oldest first. */
  history: Entry[];
  /** Index into history while looking back; null at the head of the queue. */
  cursor: number | null;
  loading: boolean;
  /** The server has nothing more beyond what the page already holds. */
  drained: boolean;
  loadError: string | null;
  progress: ProgressView;
  announcement: string;
  alert: { message: string; recordId: string | null } | null;
  /** Decisions on their way to the server. */
  saving: number;
}

export type ApiResult<T = object> = ({ ok: true } & T) | { ok: false; status: number; message: string };

export interface SessionApi {
  load(skip: string[], count: number): Promise<ApiResult<{ items: QueueItem[]; progress: ProgressView }>>;
  save(recordId: string, choice: Choice): Promise<ApiResult<{ effect: 'created' | 'changed' | 'unchanged' }>>;
  withdraw(recordId: string): Promise<ApiResult>;
}

export function currentOf(s: SessionState): { item: QueueItem; entry: Entry | null } | null {
  if (s.cursor !== null && s.history[s.cursor]) return { item: s.history[s.cursor].item, entry: s.history[s.cursor] };
  return s.queue[0] ? { item: s.queue[0], entry: null } : null;
}

const idOf = (i: QueueItem) => i.record.id;

export class ScreeningSession {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly saves = new Map<string, Promise<void>>();
  private isUndoing = false;
  /**
   * Decisions and withdrawals started so far. The server's counts are taken only from a load that
   * no change overlapped: one computed before a save landed would undo our own counting.
   */
  private changes = 0;
  private flip = false;

  constructor(
    private readonly api: SessionApi,
    init: { items: QueueItem[]; progress: ProgressView },
  ) {
    // The page loads BUFFER + 1 records: fewer means the server has no more.
    this.state = { queue: init.items, history: [], cursor: null, loading: false, drained: init.items.length < BUFFER + 1, loadError: null, progress: init.progress, announcement: '', alert: null, saving: 0 };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.state;

  private set(patch: Partial<SessionState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Live-region text; alternates an invisible character so a repeated message is announced again. */
  announce(message: string) {
    this.flip = !this.flip;
    this.set({ announcement: message + (this.flip ? '\u200b' : '') });
  }

  dismissAlert() {
    this.set({ alert: null });
  }

  decide(choice: Choice) {
    const s = this.state;
    if (s.cursor !== null) {
      const entry = s.history[s.cursor];
      const history = s.history.map((e, i) => (i === s.cursor ? { ...e, choice, status: 'saving' as const, message: undefined } : e));
      this.set({ history, cursor: s.cursor + 1 < history.length ? s.cursor + 1 : null, alert: null });
      this.save(entry.item, choice);
      return;
    }
    const item = s.queue[0];
    if (!item) return;
    // A failed load is retried with each decision (the reviewer is still working through the buffer).
    this.set({ queue: s.queue.slice(1), history: [...s.history, { item, choice, status: 'saving' }], alert: null, loadError: null });
    this.save(item, choice);
    this.topUp();
  }

  private save(item: QueueItem, choice: Choice) {
    const id = idOf(item);
    const previous = this.saves.get(id) ?? Promise.resolve();
    this.changes++;
    const run = previous.then(() => this.api.save(id, choice)).then(
      (res) => this.onSaved(id, choice, res),
      () => this.onSaved(id, choice, { ok: false, status: 0, message: 'The server could not be reached; check your connection.' }),
    );
    this.saves.set(id, run);
    this.set({ saving: this.saves.size });
    void run.finally(() => {
      if (this.saves.get(id) === run) this.saves.delete(id);
      this.set({ saving: this.saves.size });
      // At the end of the queue, once everything has landed, ask the server once more: its counts
      // then replace ours, and any record that became available appears.
      if (this.saves.size === 0 && this.state.drained && this.state.queue.length === 0) this.refreshAtEnd();
    });
  }

  private onSaved(id: string, choice: Choice, res: ApiResult<{ effect: 'created' | 'changed' | 'unchanged' }>) {
    const index = this.state.history.findIndex((e) => idOf(e.item) === id);
    const entry = this.state.history[index];
    // Withdrawn meanwhile, or changed again (the later save reports for both).
    if (!entry || entry.choice !== choice) return;
    const label = choice.reasonLabel ? `${DECISION_LABEL[choice.decision].toLowerCase()} (${choice.reasonLabel})` : DECISION_LABEL[choice.decision].toLowerCase();
    if (res.ok) {
      const p = this.state.progress;
      const progress = res.effect === 'created' ? { ...p, screenedByMe: p.screenedByMe + 1, neededFromMe: Math.max(0, p.neededFromMe - 1) } : p;
      this.set({ history: replaceAt(this.state.history, index, { ...entry, status: 'saved', message: undefined }), progress });
      this.announce(`Decision saved: ${label}.`);
      return;
    }
    const title = entry.item.record.title || 'Untitled record';
    const moveOn = res.status === 409 ? ' It was skipped; nothing is needed from you on it.' : ' Go back to it to decide again.';
    this.set({
      history: replaceAt(this.state.history, index, { ...entry, status: 'error', message: res.message }),
      alert: { message: `Not saved (“${truncate(title, 80)}”): ${res.message}${moveOn}`, recordId: res.status === 409 ? null : id },
    });
  }

  /** Asks for more records while fewer than BUFFER wait behind the one on screen. */
  topUp() {
    const s = this.state;
    if (s.loading || s.drained || s.loadError || s.queue.length > BUFFER) return;
    const count = BUFFER + 1 - s.queue.length;
    const skip = [...s.queue.map(idOf), ...s.history.filter((e) => e.status !== 'saved').map((e) => idOf(e.item))];
    this.set({ loading: true });
    const changes = this.changes;
    this.api.load(skip, count).then(
      (res) => {
        if (!res.ok) return this.set({ loading: false, loadError: res.message });
        const known = new Set([...this.state.queue.map(idOf), ...this.state.history.map((e) => idOf(e.item))]);
        const fresh = res.items.filter((i) => !known.has(idOf(i)));
        this.set({
          queue: [...this.state.queue, ...fresh],
          loading: false,
          drained: res.items.length < count || fresh.length === 0,
          ...(this.isQuiet(changes) ? { progress: res.progress } : {}),
        });
        this.topUp();
      },
      () => this.set({ loading: false, loadError: 'The server could not be reached; check your connection.' }),
    );
  }

  private isQuiet(changesAtLoad: number): boolean {
    return this.saves.size === 0 && !this.isUndoing && this.changes === changesAtLoad;
  }

  /** Quietly asks for records and counts while the end-of-queue page is showing. */
  private refreshAtEnd() {
    const skip = this.state.history.filter((e) => e.status !== 'saved').map((e) => idOf(e.item));
    const changes = this.changes;
    this.api.load(skip, 1).then(
      (res) => {
        if (!res.ok || !this.isQuiet(changes) || this.state.loading) return;
        const known = new Set([...this.state.queue, ...this.state.history.map((e) => e.item)].map(idOf));
        const fresh = res.items.filter((i) => !known.has(idOf(i)));
        this.set({ progress: res.progress, ...(fresh.length ? { queue: [...this.state.queue, ...fresh], drained: false } : {}) });
        if (fresh.length) this.topUp();
      },
      () => {},
    );
  }

  /** Looks for records again (after an error, or when the queue seemed empty). */
  reload() {
    this.set({ drained: false, loadError: null });
    this.topUp();
  }

  back() {
    const s = this.state;
    if (s.history.length === 0) return this.announce('No earlier decision in this session.');
    const cursor = s.cursor === null ? s.history.length - 1 : Math.max(0, s.cursor - 1);
    this.set({ cursor });
  }

  forward() {
    const s = this.state;
    if (s.cursor === null) return;
    this.set({ cursor: s.cursor + 1 < s.history.length ? s.cursor + 1 : null });
  }

  toHead() {
    this.set({ cursor: null });
  }

  showRecord(recordId: string) {
    const index = this.state.history.findIndex((e) => idOf(e.item) === recordId);
    if (index >= 0) this.set({ cursor: index, alert: null });
  }

  /** Withdraws the session's last decision and shows that record again. */
  async undo() {
    const last = this.state.history[this.state.history.length - 1];
    if (!last) return this.announce('Nothing to undo in this session.');
    if (this.isUndoing) return;
    this.isUndoing = true;
    try {
      const id = idOf(last.item);
      await this.saves.get(id);
      const entry = this.state.history.find((e) => idOf(e.item) === id);
      if (!entry) return;
      if (entry.status === 'saved') {
        this.changes++;
        const res = await this.api.withdraw(id).catch(() => ({ ok: false as const, status: 0, message: 'The server could not be reached; check your connection.' }));
        if (!res.ok && res.status !== 404) {
          this.set({ alert: { message: `Could not undo: ${res.message}`, recordId: null } });
          return;
        }
      }
      const p = this.state.progress;
      this.set({
        history: this.state.history.filter((e) => e !== entry),
        queue: [entry.item, ...this.state.queue.filter((i) => idOf(i) !== id)],
        cursor: null,
        alert: null,
        progress: entry.status === 'saved' ? { ...p, screenedByMe: Math.max(0, p.screenedByMe - 1), neededFromMe: p.neededFromMe + 1 } : p,
      });
      this.announce(`Decision withdrawn. Showing again: ${truncate(entry.item.record.title || 'Untitled record', 120)}`);
    } finally {
      this.isUndoing = false;
    }
  }

  /** A PDF or link was attached to a record on screen. */
  setFullText(recordId: string, fullText: FullTextView) {
    const patch = (i: QueueItem) => (idOf(i) === recordId ? { ...i, fullText } : i);
    this.set({ queue: this.state.queue.map(patch), history: this.state.history.map((e) => ({ ...e, item: patch(e.item) })) });
  }
}

function replaceAt<T>(list: T[], index: number, value: T): T[] {
  return list.map((v, i) => (i === index ? value : v));
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
