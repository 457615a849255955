/** Turns audit events' before/after JSON into short readable lines for the audit table. */

export const ACTION_FILTERS: ReadonlyArray<{ prefix: string; label: string }> = [
  { prefix: 'decision.', label: 'Decisions' },
  { prefix: 'resolution.', label: 'Conflict resolutions' },
  { prefix: 'stage.', label: 'Stage settings and unblinding' },
  { prefix: 'assignment.', label: 'Assignments' },
  { prefix: 'member.', label: 'Members' },
  { prefix: 'protocol.', label: 'Protocol' },
  { prefix: 'criterion.', label: 'Eligibility criteria' },
  { prefix: 'exclusion_reason', label: 'Exclusion reasons' },
  { prefix: 'search.', label: 'Imports' },
  { prefix: 'duplicate.', label: 'Duplicate decisions' },
  { prefix: 'report.', label: 'Full texts' },
  { prefix: 'review.', label: 'Review' },
];

const ACTION_LABEL: Record<string, string> = {
  'decision.created': 'Decision made',
  'decision.changed': 'Decision changed',
  'decision.withdrawn': 'Decision withdrawn',
  'resolution.created': 'Conflict resolved',
  'resolution.changed': 'Resolution changed',
  'stage.settings_changed': 'Stage settings changed',
  'stage.unblinded': 'Stage unblinded',
  'assignment.created': 'Records assigned',
  'member.added': 'Member added',
  'member.updated': 'Member changed',
  'member.removed': 'Member removed',
  'protocol.updated': 'Protocol changed',
  'criterion.created': 'Criterion added',
  'criterion.updated': 'Criterion changed',
  'criterion.deleted': 'Criterion deleted',
  'exclusion_reason.created': 'Exclusion reason added',
  'exclusion_reason.updated': 'Exclusion reason changed',
  'exclusion_reason.deleted': 'Exclusion reason deleted',
  'exclusion_reasons.created_from_criteria': 'Exclusion reasons made from criteria',
  'search.imported': 'Search imported',
  'duplicate.merged': 'Duplicates merged',
  'duplicate.not_duplicate': 'Marked not duplicates',
  'duplicate.undone': 'Duplicate decision undone',
  'report.file_attached': 'PDF attached',
  'report.link_attached': 'Full-text link attached',
  'report.full_text_removed': 'Full text removed',
  'review.created': 'Review created',
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

const KEY_LABEL: Record<string, string> = {
  value: 'decision',
  decision: 'decision',
  reasonId: 'reason',
  requiredDecisions: 'decisions per record',
  isBlinded: 'blinded',
  hasChecklist: 'checklist',
  recordId: 'record',
  reviewerId: 'reviewer',
  userId: 'member',
  canAdjudicate: 'adjudicator',
  records: 'records',
};

const STAGE: Record<string, string> = { title_abstract: 'title/abstract', full_text: 'full text' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Names {
  reasons: Map<string, string>;
  members: Map<string, string>;
}

function show(key: string, v: unknown, names: Names): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return v.toLocaleString('en-GB');
  if (typeof v === 'string') {
    if (key === 'stage') return STAGE[v] ?? v;
    if (key === 'reasonId') return names.reasons.get(v) ?? 'a removed reason';
    if (UUID.test(v)) return names.members.get(v) ?? v.slice(0, 8);
    return v.length > 80 ? `“${v.slice(0, 77)}…”` : key === 'note' || key === 'label' || key === 'title' ? `“${v}”` : v;
  }
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.every((x) => typeof x === 'string' && x.length < 30) && v.length <= 4 ? v.join(', ') : `${v.length} items`;
  const json = JSON.stringify(v);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

const label = (key: string) => KEY_LABEL[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

// The fields people look for first; the rest follow in their stored order.
const ORDER = ['value', 'decision', 'reasonId', 'requiredDecisions', 'isBlinded', 'hasChecklist', 'role', 'canAdjudicate', 'label', 'title', 'stage', 'note'];
const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
const ordered = (keys: Iterable<string>) => [...keys].sort((x, y) => rank(x) - rank(y));
const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type Change = { redacted: true; stage: string | null } | { redacted: false; lines: string[] };

/** What changed, one line per field: "decision: include → exclude"; a redacted event says so. */
export function describeChange(before: unknown, after: unknown, names: Names): Change {
  const hidden = [before, after].find((v): v is Record<string, unknown> => isObject(v) && 'redacted' in v);
  if (hidden) return { redacted: true, stage: typeof hidden.stage === 'string' ? (STAGE[hidden.stage] ?? hidden.stage) : null };
  const b = isObject(before) ? before : null;
  const a = isObject(after) ? after : null;
  const lines: string[] = [];
  if (b && a) {
    for (const key of ordered(new Set([...Object.keys(b), ...Object.keys(a)]))) {
      if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
      lines.push(key in b ? `${label(key)}: ${show(key, b[key], names)} → ${show(key, a[key], names)}` : `${label(key)}: ${show(key, a[key], names)}`);
    }
    if (lines.length === 0) lines.push('no change in the recorded fields');
  } else if (a) {
    for (const key of ordered(Object.keys(a))) if (!isEmpty(a[key])) lines.push(`${label(key)}: ${show(key, a[key], names)}`);
  } else if (b) {
    for (const key of ordered(Object.keys(b))) if (!isEmpty(b[key])) lines.push(`was ${label(key)}: ${show(key, b[key], names)}`);
  } else if (after !== null && after !== undefined) {
    lines.push(show('', after, names));
  }
  return { redacted: false, lines: lines.slice(0, 8) };
}
