const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^\w.-]+/g, '_')}"`;

/** A CSV download response. */
export function csvResponse(csv: string, fileName: string): Response {
  return new Response(csv, { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(fileName) } });
}

/** A file download streamed as it is produced (no Content-Length: the size is not known up front). */
export function streamedFileResponse(file: { stream: ReadableStream<Uint8Array>; fileName: string; contentType: string }): Response {
  return new Response(file.stream, { status: 200, headers: { 'Content-Type': file.contentType, 'Content-Disposition': attachment(file.fileName), 'Cache-Control': 'no-store' } });
}
