/**
 * Ordered lists (criteria, exclusion reasons, reason priorities) are numbered 1..n. Moving one
 * item renumbers the others so the numbers stay a gapless sequence, whatever they were before.
 */

/**
 * The ids in their new order after moving `id` to 1-based `position` (clamped to 1..n).
 * Throws when `id` is not in the list: callers check existence first.
 */
export function moveToPosition(orderedIds: readonly string[], id: string, position: number): string[] {
  const from = orderedIds.indexOf(id);
  if (from < 0) throw new Error(`moveToPosition: ${id} is not in the list`);
  const rest = orderedIds.filter((x) => x !== id);
  const to = Math.min(Math.max(Math.trunc(position), 1), orderedIds.length) - 1;
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

/** The rows whose 1-based number differs from their index in `orderedIds`, with the new number. */
export function renumber(orderedIds: readonly string[], current: ReadonlyMap<string, number>): Array<{ id: string; position: number }> {
  const changes: Array<{ id: string; position: number }> = [];
  orderedIds.forEach((id, i) => {
    if (current.get(id) !== i + 1) changes.push({ id, position: i + 1 });
  });
  return changes;
}
