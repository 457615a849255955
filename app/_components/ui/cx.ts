/** Joins class names, skipping falsy ones (the design system's only helper). */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}
