import { describe, expect, it } from 'vitest';
import { blobSource, CHUNK_BYTES } from './byte-source';

async function chunkSizes(blob: Blob): Promise<{ sizes: number[]; bytes: Buffer }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of blobSource('x', blob).chunks()) parts.push(chunk);
  return { sizes: parts.map((p) => p.length), bytes: Buffer.concat(parts) };
}

/** A Blob whose stream hands out the given pieces (as the File of a Next.js multipart upload does: one piece). */
function blobOfPieces(pieces: Buffer[]): Blob {
  const blob = new Blob(pieces.map((p) => new Uint8Array(p)));
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of pieces) controller.enqueue(p);
        controller.close();
      },
    });
  return Object.assign(blob, { stream });
}

describe('blobSource', () => {
  const data = Buffer.alloc(CHUNK_BYTES * 3 + 12345);
  for (let i = 0; i < data.length; i++) data[i] = i % 251;

  it('cuts one huge piece into CHUNK_BYTES chunks, bytes unchanged', async () => {
    const { sizes, bytes } = await chunkSizes(blobOfPieces([data]));
    expect(sizes).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, 12345]);
    expect(bytes.equals(data)).toBe(true);
  });

  it('gathers small pieces into CHUNK_BYTES chunks', async () => {
    const pieces: Buffer[] = [];
    for (let i = 0; i < data.length; i += 65536) pieces.push(data.subarray(i, i + 65536));
    const { sizes, bytes } = await chunkSizes(blobOfPieces(pieces));
    expect(sizes.slice(0, 3)).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES]);
    expect(sizes.slice(3).reduce((a, b) => a + b, 0)).toBe(12345);
    expect(bytes.equals(data)).toBe(true);
  });
});
