/**
 * The warning shown before criteria or exclusion reasons change once screening has started:
 * decisions keep the protocol version they were made under, but the team should know that the
 * records already screened were judged against the earlier wording.
 */

export function screeningStartedWarning(decisionsCount: number, decisionVersions: readonly number[]): string | null {
  if (decisionsCount <= 0) return null;
  const versions = [...new Set(decisionVersions)].sort((a, b) => a - b);
  const under = versions.length === 0 ? '' : versions.length === 1 ? ` under version ${versions[0]}` : ` under versions ${listing(versions.map(String))}`;
  const made = decisionsCount === 1 ? '1 decision was made' : `${decisionsCount} decisions were made`;
  return (
    `Screening has started: ${made}${under}. Changing criteria or exclusion reasons now means records already screened ` +
    'were judged against the earlier wording. Decisions keep the version they were made under; say why the protocol changed in its notes.'
  );
}

/** "1", "1 and 2", "1, 2 and 3". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
