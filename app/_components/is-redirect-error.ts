/**
 * A server action that calls redirect() rejects its promise with this error on the client; the
 * router has already started the navigation, so forms just stop there instead of showing an error.
 */
export function isRedirectError(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}
