/** Stage names, query parsing and number formatting shared by the conflicts, export and audit pages. */
export type StageId = 'title_abstract' | 'full_text';

export const STAGE_IDS: readonly StageId[] = ['title_abstract', 'full_text'];

export const STAGE_LABEL: Record<StageId, string> = { title_abstract: 'Title/abstract', full_text: 'Full text' };

type Query = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseStage(v: string | string[] | undefined): StageId {
  return one(v) === 'full_text' ? 'full_text' : 'title_abstract';
}

/** A 1-based page number from the query; anything else is page 1. */
export function parsePage(query: Query): number {
  const n = Number(one(query.page));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function queryValue(query: Query, key: string): string | undefined {
  return one(query[key]);
}

/** Kappa to two decimals; words when it is not defined (never NaN). */
export function formatKappa(kappa: number | null | undefined): string {
  if (kappa === null || kappa === undefined || !Number.isFinite(kappa)) return 'not defined';
  const rounded = Math.round(kappa * 100) / 100;
  return (Object.is(rounded, -0) ? 0 : rounded).toFixed(2);
}

/** 0–100 to "70%" or "66.7%"; words when there is nothing to measure. */
export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'not defined';
  const rounded = Math.round(p * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** "27 Nov 2025, 14:03 UTC": the same text on server and browser. */
export function formatDateTime(d: Date | string): string {
  return `${DATE_TIME.format(new Date(d))} UTC`;
}

export const DECISION_LABEL: Record<string, string> = { include: 'Include', exclude: 'Exclude', maybe: 'Maybe' };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
