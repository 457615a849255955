import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { attachFullTextFromRequest, openFullTextPdf, removeFullText } from '@/lib/services/full-text';

type P = { reviewId: string; recordId: string };

/** Attaches a PDF (multipart `file`) and/or a link (`url`, multipart or JSON) to a record that passed title/abstract. */
export const POST = apiRoute<P>(async ({ request, user, params }) => {
  return json(await attachFullTextFromRequest(user.id, params.reviewId, params.recordId, request), 201);
});

/** The attached PDF, to members of the review only, shown inline in the browser. */
export const GET = apiRoute<P>(async ({ user, params }) => {
  const pdf = await openFullTextPdf(user.id, params.reviewId, params.recordId);
  return new Response(pdf.stream, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.size),
      'Content-Disposition': contentDisposition(pdf.fileName),
      'Cache-Control': 'private, no-cache',
    },
  });
});

/** Removes the PDF, the link or both (`?part=file|url|all`, default all); the record stays a report sought. */
export const DELETE = apiRoute<P>(async ({ request, user, params }) => {
  return json(await removeFullText(user.id, params.reviewId, params.recordId, queryObject(request)));
});

/** RFC 6266: an ASCII fallback plus the UTF-8 name; the stored name is already free of quotes and control characters. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
