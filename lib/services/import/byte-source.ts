/**
 * An uploaded file as something read chunk by chunk, and more than once (a quick encoding check,
 * then the real read), so a 300 MB export is never held as one string, nor as text, parsed records
 * and database rows all at once.
 */
import fs from 'node:fs';

/** Bytes per chunk handed to the decoder: big enough to amortise per-chunk work, small enough to yield often. */
export const CHUNK_BYTES = 1 << 20;

export interface ByteSource {
  /** The file name as the user knows it (used in every message). */
  name: string;
  size: number;
  /** A fresh pass over the bytes, from the start. */
  chunks(): AsyncIterable<Uint8Array>;
}

export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
    },
  };
}

/**
 * A Blob or File (multipart uploads): Blobs can be streamed any number of times. Pieces are
 * regrouped into CHUNK_BYTES: Node's own Blobs hand out 64 KiB pieces (too small to parse
 * efficiently), and the File that Next.js builds from a multipart body hands out the whole file as
 * ONE piece, which would be decoded and parsed in one go, blocking the server for seconds and
 * reporting no progress until the end.
 */
export function blobSource(name: string, blob: Blob): ByteSource {
  return {
    name,
    size: blob.size,
    async *chunks() {
      const reader = blob.stream().getReader();
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          pending.push(value);
          pendingBytes += value.length;
          if (pendingBytes < CHUNK_BYTES) continue;
          const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending);
          const whole = bytes.length - (bytes.length % CHUNK_BYTES);
          for (let i = 0; i < whole; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
          pending = whole < bytes.length ? [bytes.subarray(whole)] : [];
          pendingBytes = bytes.length - whole;
        }
        if (pendingBytes > 0) yield pending.length === 1 ? pending[0] : Buffer.concat(pending);
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** A file on disk (CLI, benchmarks). */
export function fileSource(name: string, filePath: string): ByteSource {
  return {
    name,
    size: fs.statSync(filePath).size,
    async *chunks() {
      const stream = fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
      for await (const chunk of stream) yield chunk as Buffer;
    },
  };
}
