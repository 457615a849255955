/** The session's server calls: the queue through a server action, decisions through the JSON API. */
import { loadQueueAction } from '../actions';
import { apiError, OFFLINE_MESSAGE } from '../_lib/api-error';
import type { Stage } from '../_lib/types';
import type { ApiResult, SessionApi } from './screening-session';

/** A call that has not answered by then is reported, so the screen never waits silently. */
const TIMEOUT_MS = 20_000;
const SLOW = { ok: false as const, status: 0, message: 'The server did not answer within 20 seconds; this may not have been saved.' };

function settleWithin<T>(promise: Promise<T>, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), TIMEOUT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function send(url: string, init: RequestInit): Promise<Response | typeof SLOW | { ok: false; status: 0; message: string }> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? SLOW : { ok: false, status: 0, message: OFFLINE_MESSAGE };
  }
}

export function createSessionApi(reviewId: string, stage: Stage): SessionApi {
  const decisions = (recordId: string) => `/api/v1/reviews/${reviewId}/records/${recordId}/decisions`;
  return {
    async load(skip, count) {
      const loading = loadQueueAction(reviewId, stage, skip, count).then((r) => (r.ok ? r : { ok: false as const, status: 0, message: r.formError ?? OFFLINE_MESSAGE }));
      return settleWithin(loading, { ...SLOW, message: 'Loading the next records took more than 20 seconds.' });
    },
    async save(recordId, choice): Promise<ApiResult<{ effect: 'created' | 'changed' | 'unchanged' }>> {
      const res = await send(decisions(recordId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stage, decision: choice.decision, reasonId: choice.reasonId, note: choice.note, checklist: choice.checklist }),
      });
      if (!(res instanceof Response)) return res;
      if (!res.ok) return apiError(res);
      const body = (await res.json()) as { effect: 'created' | 'changed' | 'unchanged' };
      return { ok: true, effect: body.effect };
    },
    async withdraw(recordId) {
      const res = await send(`${decisions(recordId)}?stage=${stage}`, { method: 'DELETE' });
      if (!(res instanceof Response)) return res;
      return res.ok ? { ok: true } : apiError(res);
    },
  };
}
