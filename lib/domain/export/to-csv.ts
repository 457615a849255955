/**
 * CSV for exports (RFC 4180: quote fields holding commas, quotes or line breaks; CRLF rows).
 * Cells that start with = + - @ are prefixed with an apostrophe so a spreadsheet never runs them as
 * formulas (OWASP "CSV injection"); numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined | Date;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((row) => row.map(formatCell).join(',')).join('\r\n') + '\r\n';
}

function formatCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  let s = cell instanceof Date ? cell.toISOString() : cell;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
