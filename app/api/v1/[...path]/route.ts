import { json } from '@/lib/api/respond';

// Unknown API paths answer in the API's JSON error shape rather than with an HTML page.
function notFound(request: Request) {
  const path = new URL(request.url).pathname;
  return json({ error: { code: 'not_found', message: `No API endpoint ${request.method} ${path}. See /api/v1/openapi.json.` } }, 404);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
