import { describe, expect, it } from 'vitest';
import { toCsv } from './to-csv';

describe('toCsv', () => {
  it('quotes what needs quoting and writes CRLF rows', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['line\nbreak', 3]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });
  it('defuses spreadsheet formulas but keeps negative numbers as numbers', () => {
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['@SUM(1)'], [-1], ['-1']])).toBe('v\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(1)\r\n-1\r\n\'-1\r\n');
  });
  it('writes empty cells for missing values and ISO dates', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, new Date('2026-01-02T03:04:05Z')]])).toBe('a,b,c\r\n,,2026-01-02T03:04:05.000Z\r\n');
  });
});
