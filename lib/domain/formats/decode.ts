/**
 * Bytes -> text for uploaded exports. Encoding source: the WHATWG Encoding Standard (UTF-8,
 * UTF-16LE/BE with byte order mark, windows-1252) as implemented by TextDecoder.
 *
 * Exports are UTF-8 nearly always (PubMed, Scopus, WoS, EndNote with a BOM); older reference
 * managers on Windows still write windows-1252, and Excel's "Unicode text" is UTF-16 with a BOM.
 * windows-1252 is only tried when the bytes are NOT valid UTF-8, and the user is told, because a
 * wrong guess turns accented names into mojibake.
 */
import type { ParseProblem } from '../records/bib-record';

export type DecodeResult = { text: string; warning?: ParseProblem } | { problem: ParseProblem };

const SNIFF_BYTES = 1024;
/** Share of control characters in the first KB above which a file is binary, not text. */
const MAX_CONTROL_SHARE = 0.05;

/**
 * windows-1252 bytes 0x80-0x9F (WHATWG index); the rest equals ISO-8859-1. Decoded by hand
 * because Node 20's TextDecoder('windows-1252') silently decodes ISO-8859-1 instead
 * (nodejs/node#56542), which would turn curly quotes into invisible C1 controls.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const slice = bytes.subarray(i, i + 8192);
    parts.push(Array.from(slice, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join(''));
  }
  return parts.join('');
}

function isControl(code: number): boolean {
  // Tab, LF, VT, FF, CR are text; everything else below space, and DEL, is not.
  return (code < 0x20 && !(code >= 0x09 && code <= 0x0d)) || code === 0x7f;
}

function binaryProblem(fileName: string): { problem: ParseProblem } {
  return {
    problem: {
      severity: 'error',
      code: 'binary-file',
      message: `${fileName} is a binary file, not a text export (RIS, PubMed, XML or CSV)`,
    },
  };
}

function looksBinary(units: ArrayLike<number>, length: number): boolean {
  const n = Math.min(length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    if (units[i] === 0) return true;
    if (isControl(units[i])) controls++;
  }
  return n > 0 && controls / n > MAX_CONTROL_SHARE;
}

export function decodeText(bytes: Uint8Array, fileName: string): DecodeResult {
  const empty = (): { problem: ParseProblem } => ({
    problem: { severity: 'error', code: 'empty-file', message: `${fileName} is empty` },
  });
  if (bytes.length === 0) return empty();

  let text: string;
  let warning: ParseProblem | undefined;
  const utf16 =
    bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) {
    // UTF-16 has a NUL in every ASCII character, so it is checked for binary content after decoding.
    text = new TextDecoder(utf16).decode(bytes);
    const codes = Array.from(text.slice(0, SNIFF_BYTES), (c) => c.charCodeAt(0));
    if (looksBinary(codes, codes.length)) return binaryProblem(fileName);
  } else {
    if (looksBinary(bytes, bytes.length)) return binaryProblem(fileName);
    try {
      // fatal: invalid UTF-8 throws instead of silently becoming U+FFFD. The BOM is dropped.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
      warning = {
        severity: 'warning',
        code: 'encoding-fallback',
        message: `${fileName} is not valid UTF-8; it was read as windows-1252 (Western European). Check accented characters, or export the file again as UTF-8`,
      };
    }
  }
  if (text.trim() === '') return empty();
  return warning ? { text, warning } : { text };
}
