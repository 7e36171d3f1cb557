/**
 * Whether a request's `Prefer` header (RFC 7240) asks for `return=minimal`: an answer without the
 * resource, for callers that only need to know the request succeeded. Preferences are separated
 * by commas, their parameters by semicolons; names and this value compare case-insensitively, and
 * the value may be quoted. A preference the server does not know is ignored, as the RFC asks.
 */
export function prefersMinimalReturn(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const values = Array.isArray(header) ? header : [header];
  for (const value of values) {
    for (const preference of value.split(',')) {
      const [token = ''] = preference.split(';', 1);
      const equals = token.indexOf('=');
      if (equals < 0 || token.slice(0, equals).trim().toLowerCase() !== 'return') continue;
      const wanted = token.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
      // The first `return` preference wins (RFC 7240 §2: a repeated preference is the first one).
      return wanted === 'minimal';
    }
  }
  return false;
}
