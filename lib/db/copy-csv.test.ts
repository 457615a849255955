import { describe, expect, it } from 'vitest';
import { csvInt, csvJson, csvText, csvTextArray } from './copy-csv';

describe('COPY csv values', () => {
  it('quotes every string, so empty and NULL differ', () => {
    expect(csvText(undefined)).toBe('');
    expect(csvText(null)).toBe('');
    expect(csvText('')).toBe('""');
    expect(csvText('plain')).toBe('"plain"');
  });

  it('doubles quotes and keeps line breaks, commas, backslashes and a lone \\. line as data', () => {
    expect(csvText('say "hi", then\r\n\\.\nbye\\')).toBe('"say ""hi"", then\r\n\\.\nbye\\"');
  });

  it('writes integers, and NULL for anything else', () => {
    expect(csvInt(2024)).toBe('2024');
    expect(csvInt(0)).toBe('0');
    expect(csvInt(undefined)).toBe('');
    expect(csvInt(Number.NaN)).toBe('');
    expect(csvInt(1.5)).toBe('');
  });

  it('writes arrays as quoted array literals with escaped elements', () => {
    expect(csvTextArray([])).toBe('{}');
    expect(csvTextArray(['*Ketamine/pharmacology', 'a, b'])).toBe('"{""*Ketamine/pharmacology"",""a, b""}"');
    expect(csvTextArray(['say "x"', 'back\\slash', 'NULL'])).toBe('"{""say \\""x\\"""",""back\\\\slash"",""NULL""}"');
  });

  it('writes JSON as a quoted value', () => {
    expect(csvJson([{ name: 'O"Brien' }])).toBe('"[{""name"":""O\\""Brien""}]"');
  });
});
