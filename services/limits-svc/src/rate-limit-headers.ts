import type { PolicyDecision } from './schemas.js';

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1_000));

/**
 * IETF RateLimit and RateLimit-Policy fields (draft-ietf-httpapi-ratelimit-headers-11): one list
 * item per enforced policy, named by the policy (names are restricted to sf-string-safe text):
 *   RateLimit-Policy: "minute";q=100;w=60, "day";q=1000;w=86400
 *   RateLimit: "minute";r=42;t=17, "day";r=880;t=40000
 * Shadow policies are left out: they do not limit the client. Retry-After comes with 429 only.
 */
export function rateLimitHeaders(results: PolicyDecision[], retryAfterMs?: number): Record<string, string> {
  const enforced = results.filter((r) => !r.shadow);
  const headers: Record<string, string> = {};
  if (enforced.length > 0) {
    headers['ratelimit-policy'] = enforced.map((r) => `"${r.policy}";q=${r.limit};w=${r.windowSeconds}`).join(', ');
    headers.ratelimit = enforced.map((r) => `"${r.policy}";r=${r.remaining};t=${seconds(r.resetAfterMs)}`).join(', ');
  }
  if (retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, seconds(retryAfterMs)));
  return headers;
}
