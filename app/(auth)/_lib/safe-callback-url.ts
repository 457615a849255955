/**
 * Where to go after signing in or up. Only same-origin relative paths are honoured ("/reviews/…");
 * absolute URLs, protocol-relative "//host" and backslash tricks fall back, so a crafted link
 * cannot send a user to another site (open redirect).
 */
export function safeCallbackUrl(raw: unknown, fallback = '/reviews'): string {
  if (typeof raw !== 'string' || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f]/.test(raw)) return fallback;
  if (raw === '/sign-in' || raw.startsWith('/sign-in?') || raw === '/sign-up' || raw.startsWith('/sign-up?')) return fallback;
  return raw;
}

/** `?callbackUrl=` for links between the two pages, empty for the default destination. */
export function callbackQuery(callbackUrl: string): string {
  return callbackUrl === '/reviews' ? '' : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}
