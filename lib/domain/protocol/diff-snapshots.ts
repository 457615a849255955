/**
 * What changed between two protocol versions, in the words a reviewer would use ("Renamed
 * criterion “A” to “B”"). The History section lists these lines, and a save whose snapshot equals
 * the previous one is not a new version (snapshotsEqual).
 *
 * Items are matched by id, so a renamed criterion is one rename, not a deletion plus an addition.
 * Order changes are reported once per list, comparing only the items present in both versions:
 * adding or deleting an item shifts the numbers of the others without reordering them.
 */
import { FIELD_LABEL, PROTOCOL_TEXT_FIELDS, STAGE_LABEL, type ProtocolSnapshot, type SnapshotCriterion, type Stage } from './types';
import { listing } from './screening-warning';

/** Short fields whose old and new values fit in a summary line. */
const SHOW_VALUES = new Set(['registry', 'registrationId']);
const MAX_TERMS_SHOWN = 3;

export function snapshotsEqual(a: ProtocolSnapshot, b: ProtocolSnapshot): boolean {
  const { templateId: _a, ...restA } = a;
  const { templateId: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

export function diffSnapshots(before: ProtocolSnapshot | null, after: ProtocolSnapshot, templateName?: string): string[] {
  if (!before) return describeStart(after, templateName);
  return [
    ...diffFields(before, after),
    ...diffTerms('Inclusion highlight terms', before.highlightInclude, after.highlightInclude),
    ...diffTerms('Exclusion highlight terms', before.highlightExclude, after.highlightExclude),
    ...diffCriteria(before.criteria, after.criteria),
    ...diffReasons(before, after),
  ];
}

/** The first few lines, then "and N more changes": one table cell's worth. */
export function shortSummary(lines: readonly string[], max = 3): string {
  if (lines.length === 0) return 'No visible changes';
  const shown = lines.slice(0, max).join('; ');
  const more = lines.length - max;
  return more > 0 ? `${shown}; and ${more} more change${more === 1 ? '' : 's'}` : shown;
}

function describeStart(s: ProtocolSnapshot, templateName?: string): string[] {
  const lines = [templateName ? `Protocol started from the template “${templateName}”` : 'Protocol started'];
  const inclusion = s.criteria.filter((c) => c.kind === 'inclusion').length;
  const exclusion = s.criteria.length - inclusion;
  if (s.criteria.length) lines.push(`${count(inclusion, 'inclusion criterion', 'inclusion criteria')} and ${count(exclusion, 'exclusion criterion', 'exclusion criteria')}`);
  const reasons = s.reasons.filter((r) => r.kind === 'standard').length;
  if (reasons) lines.push(count(reasons, 'exclusion reason', 'exclusion reasons'));
  return lines;
}

function diffFields(before: ProtocolSnapshot, after: ProtocolSnapshot): string[] {
  const lines: string[] = [];
  for (const field of PROTOCOL_TEXT_FIELDS) {
    const [a, b] = [before.fields[field], after.fields[field]];
    if (a === b) continue;
    const label = FIELD_LABEL[field];
    if (!a) lines.push(SHOW_VALUES.has(field) ? `${label} set to “${b}”` : `${label} added`);
    else if (!b) lines.push(`${label} cleared`);
    else lines.push(SHOW_VALUES.has(field) ? `${label} changed from “${a}” to “${b}”` : `${label} edited`);
  }
  return lines;
}

function diffTerms(label: string, before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before.map((t) => t.toLowerCase()));
  const has = new Set(after.map((t) => t.toLowerCase()));
  const added = after.filter((t) => !had.has(t.toLowerCase()));
  const removed = before.filter((t) => !has.has(t.toLowerCase()));
  const parts = [];
  if (added.length) parts.push(`added ${quoteSome(added)}`);
  if (removed.length) parts.push(`removed ${quoteSome(removed)}`);
  if (parts.length) return [`${label}: ${parts.join('; ')}`];
  return before.join('\n') === after.join('\n') ? [] : [`${label} edited`];
}

function diffCriteria(before: SnapshotCriterion[], after: SnapshotCriterion[]): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Set(after.map((c) => c.id));
  for (const c of after) {
    const o = old.get(c.id);
    if (!o) {
      lines.push(`Added ${c.kind} criterion “${c.label}”`);
      continue;
    }
    if (o.label !== c.label) lines.push(`Renamed criterion “${o.label}” to “${c.label}”`);
    if (o.description !== c.description) lines.push(`Edited the description of criterion “${c.label}”`);
    if (o.kind !== c.kind) lines.push(`Criterion “${c.label}” is now an ${c.kind} criterion`);
    if (o.stages.join() !== c.stages.join()) lines.push(`Criterion “${c.label}” now applies at ${stagesText(c.stages)}`);
    if (o.isRetired !== c.isRetired) lines.push(`${c.isRetired ? 'Retired' : 'Restored'} criterion “${c.label}”`);
  }
  for (const o of before) if (!now.has(o.id)) lines.push(`Deleted criterion “${o.label}”`);
  if (isReordered(before, after, (c) => c.position)) lines.push('Reordered criteria');
  return lines;
}

function diffReasons(before: ProtocolSnapshot, after: ProtocolSnapshot): string[] {
  const lines: string[] = [];
  const old = new Map(before.reasons.map((r) => [r.id, r]));
  const now = new Set(after.reasons.map((r) => r.id));
  const criterionLabel = (id: string) => (after.criteria.find((c) => c.id === id) ?? before.criteria.find((c) => c.id === id))?.label ?? 'a deleted criterion';
  for (const r of after.reasons) {
    const o = old.get(r.id);
    if (!o) {
      lines.push(`Added exclusion reason “${r.label}”`);
      continue;
    }
    if (o.label !== r.label) lines.push(`Renamed exclusion reason “${o.label}” to “${r.label}”`);
    if (o.description !== r.description) lines.push(`Edited the description of exclusion reason “${r.label}”`);
    if (o.criterionId !== r.criterionId) {
      lines.push(r.criterionId ? `Linked exclusion reason “${r.label}” to criterion “${criterionLabel(r.criterionId)}”` : `Unlinked exclusion reason “${r.label}” from its criterion`);
    }
    if (o.isRetired !== r.isRetired) lines.push(`${r.isRetired ? 'Retired' : 'Restored'} exclusion reason “${r.label}”`);
  }
  for (const o of before.reasons) if (!now.has(o.id)) lines.push(`Deleted exclusion reason “${o.label}”`);
  if (isReordered(before.reasons, after.reasons, (r) => r.position)) lines.push('Reordered exclusion reasons');
  if (isReordered(before.reasons, after.reasons, (r) => r.priority)) lines.push('Changed the priority order of exclusion reasons');
  return lines;
}

/** Whether the items present in both lists appear in a different order by `rank`. */
function isReordered<T extends { id: string }>(before: T[], after: T[], rank: (item: T) => number): boolean {
  const common = new Set(before.map((i) => i.id).filter((id) => after.some((a) => a.id === id)));
  const order = (list: T[]) => [...list].filter((i) => common.has(i.id)).sort((x, y) => rank(x) - rank(y)).map((i) => i.id).join();
  return order(before) !== order(after);
}

function stagesText(stages: readonly Stage[]): string {
  if (stages.length === 0) return 'no stage';
  return listing(stages.map((s) => STAGE_LABEL[s].toLowerCase()));
}

function quoteSome(terms: string[]): string {
  const shown = terms.slice(0, MAX_TERMS_SHOWN).map((t) => `“${t}”`);
  const more = terms.length - MAX_TERMS_SHOWN;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : listing(shown);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
