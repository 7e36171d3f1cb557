/** Typed errors the HTTP layer maps onto problem+json answers. */

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }
}

/** A script answered with a domain error (`return redis.error_reply('CODE message')`). */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Messages ioredis and Redis use when the server cannot serve right now (as opposed to a bug in
// our command): connection refused/reset/closed, offline queue disabled, timeouts, a cluster
// without full slot coverage, a replica still loading or a primary mid-failover, a script that
// has run past busy-reply-threshold (BUSY; not BUSYGROUP, a stream's own error).
const UNAVAILABLE_PATTERNS = [
  /ECONNREFUSED/,
  /ECONNRESET/,
  /ETIMEDOUT/,
  /EPIPE/,
  /EHOSTUNREACH/,
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /enableOfflineQueue/i,
  /Command timed out/i,
  /MaxRetriesPerRequest/i,
  /Reached the max retries per request/i,
  /Failed to refresh slots cache/i,
  /None of startup nodes is available/i,
  /Cluster isn't ready/i,
  /All sentinels are unreachable/i,
  /^CLUSTERDOWN/,
  /^LOADING/,
  /^MASTERDOWN/,
  /^READONLY/,
  /^TRYAGAIN/,
  /^NOREPLICAS/,
  /^BUSY\b/,
];

export function isRedisUnavailable(error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code)) return true;
  return UNAVAILABLE_PATTERNS.some((pattern) => pattern.test(error.message));
}

/** Converts a raw ioredis failure into a RedisUnavailableError when that is what it is. */
export function toRedisError(error: unknown): unknown {
  if (error instanceof RedisUnavailableError) return error;
  if (isRedisUnavailable(error)) {
    return new RedisUnavailableError(`Redis unavailable: ${(error as Error).message}`, { cause: error });
  }
  if (error instanceof Error) {
    // Scripts signal domain outcomes with `redis.error_reply('TRELLIS_<CODE> detail')`; the prefix
    // keeps them apart from Redis's own errors (WRONGTYPE, NOSCRIPT, OOM, ...), which stay bugs.
    const match = /TRELLIS_([A-Z_]+) ?(.*)$/s.exec(error.message);
    if (match?.[1]) return new ScriptError(match[1], match[2] ?? '');
  }
  return error;
}
