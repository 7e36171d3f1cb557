import { type BaseConfig, baseConfigFromEnv, readInt } from '@trellis/service-kit';

export interface StateConfig extends BaseConfig {
  /** Largest `data` a document may hold, in bytes of its JSON text. */
  maxDocumentBytes: number;
  /** Deepest nesting of arrays/objects accepted in `data` (guards recursive JSON handling). */
  maxDocumentDepth: number;
  /** Events kept per namespace for resuming watchers; older ones answer "compacted". */
  streamMaxLength: number;
  /** How often the TTL reaper looks for expired documents. */
  reaperIntervalMs: number;
  /** Longest a blocking lock acquisition may wait. */
  lockMaxWaitMs: number;
  /**
   * A document with a TTL also gets a native Redis expiry this long after its deadline, so its
   * memory is reclaimed even if no state-svc runs its reaper; reads honour the exact deadline.
   */
  expiryGraceMs: number;
}

export const SERVICE = { name: 'state-svc', version: '0.1.0', defaultPort: 7107 } as const;

/** The only place state-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): StateConfig {
  const base = baseConfigFromEnv(env, SERVICE);
  const maxDocumentBytes = readInt(env, 'STATE_MAX_DOCUMENT_BYTES', 262_144, 16, 16 * 1_048_576);
  return {
    ...base,
    // The request must be able to carry the largest document plus its envelope, so that an
    // oversized document is answered by our 413 DOCUMENT_TOO_LARGE rather than cut off earlier.
    bodyLimitBytes: Math.max(base.bodyLimitBytes, maxDocumentBytes * 2 + 65_536),
    maxDocumentBytes,
    maxDocumentDepth: readInt(env, 'STATE_MAX_DOCUMENT_DEPTH', 64, 1, 512),
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 1_000, 10, 10_000_000),
    reaperIntervalMs: readInt(env, 'REAPER_INTERVAL_MS', 500, 50, 60_000),
    lockMaxWaitMs: readInt(env, 'LOCK_MAX_WAIT_MS', 60_000, 0, 60_000),
    expiryGraceMs: readInt(env, 'STATE_EXPIRY_GRACE_MS', 3_600_000, 1_000, 86_400_000),
  };
}
