const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "27 Nov 2025": unambiguous across locales; UTC so server and browser render the same text. */
export function formatDate(d: Date): string {
  return DATE.format(d);
}
