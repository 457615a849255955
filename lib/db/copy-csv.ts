/**
 * Values written for PostgreSQL's `COPY ... FROM STDIN WITH (FORMAT csv)` (PostgreSQL 15 manual,
 * COPY, "CSV Format"). Every string is quoted, so an empty string stays distinct from NULL (an
 * unquoted empty field) and a line `\.` inside a value is data, not the end-of-data marker; inside
 * quotes only the quote itself is doubled. Arrays are PostgreSQL array literals ("Array Value Input":
 * elements double-quoted with `"` and `\` backslash-escaped), then quoted as CSV like any value.
 */

/** A text value, or NULL when absent. */
export function csvText(value: string | null | undefined): string {
  if (value == null) return '';
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** An integer, or NULL when absent (or not an integer). */
export function csvInt(value: number | null | undefined): string {
  return Number.isInteger(value) ? String(value) : '';
}

/** A jsonb value. */
export function csvJson(value: unknown): string {
  return csvText(JSON.stringify(value));
}

/** A text[] value. */
export function csvTextArray(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  return csvText(`{${items.map((s) => `"${/["\\]/.test(s) ? s.replace(/["\\]/g, '\\$&') : s}"`).join(',')}}`);
}
