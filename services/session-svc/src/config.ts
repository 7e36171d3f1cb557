import { type BaseConfig, baseConfigFromEnv, ConfigError, readEnum, readInt } from '@trellis/service-kit';

export const MAX_SESSIONS_POLICIES = ['evict-oldest', 'refuse'] as const;
export type MaxSessionsPolicy = (typeof MAX_SESSIONS_POLICIES)[number];

export interface SessionConfig extends BaseConfig {
  /** Defaults for a session created without its own TTLs (OWASP: idle + absolute timeouts). */
  defaultIdleTtlSeconds: number;
  defaultAbsoluteTtlSeconds: number;
  /** Bounds for TTLs a client asks for; tests lower the minimum to seconds. */
  minTtlSeconds: number;
  maxTtlSeconds: number;
  /** How long a rotated-away id keeps working, for requests already in flight. */
  rotationGraceSeconds: number;
  /** 0 = unlimited. */
  maxSessionsPerUser: number;
  maxSessionsPolicy: MaxSessionsPolicy;
  maxDataBytes: number;
  maxDataFields: number;
  /** How long an id issued ahead of its session (express-session's genid) stays claimable. */
  reservationTtlSeconds: number;
  /** Salt of the id hash written to logs; random per process when unset (set it to correlate replicas). */
  logSalt: string | undefined;
  /** Redis keeps a session's keys this long past its absolute expiry, as a backstop to the reaper. */
  retentionMarginSeconds: number;
  /**
   * A read slides the idle expiry only when the last recorded access is at least this old, so a
   * busy session costs one write per interval instead of one per read (connect-mongo's
   * touchAfter). The idle deadline then runs from an access up to this much earlier: 0 slides
   * on every read.
   */
  touchIntervalMs: number;
  reaperIntervalMs: number;
  streamMaxLength: number;
}

export const SERVICE = { name: 'session-svc', version: '0.1.0', defaultPort: 7103 } as const;

const DAY = 86_400;

/** The only place session-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): SessionConfig {
  const minTtlSeconds = readInt(env, 'SESSION_MIN_TTL_SECONDS', 60, 1, DAY);
  const maxTtlSeconds = readInt(env, 'SESSION_MAX_TTL_SECONDS', 30 * DAY, minTtlSeconds, 365 * DAY);
  const defaultIdleTtlSeconds = readInt(env, 'SESSION_IDLE_TTL_SECONDS', 1_800, minTtlSeconds, maxTtlSeconds);
  const defaultAbsoluteTtlSeconds = readInt(env, 'SESSION_ABSOLUTE_TTL_SECONDS', 12 * 3_600, minTtlSeconds, maxTtlSeconds);
  if (defaultIdleTtlSeconds > defaultAbsoluteTtlSeconds) {
    throw new ConfigError('SESSION_IDLE_TTL_SECONDS must not exceed SESSION_ABSOLUTE_TTL_SECONDS');
  }
  return {
    ...baseConfigFromEnv(env, SERVICE),
    defaultIdleTtlSeconds,
    defaultAbsoluteTtlSeconds,
    minTtlSeconds,
    maxTtlSeconds,
    rotationGraceSeconds: readInt(env, 'SESSION_ROTATION_GRACE_SECONDS', 10, 0, 300),
    maxSessionsPerUser: readInt(env, 'SESSION_MAX_PER_USER', 0, 0, 10_000),
    maxSessionsPolicy: readEnum(env, 'SESSION_MAX_PER_USER_POLICY', 'evict-oldest', MAX_SESSIONS_POLICIES),
    maxDataBytes: readInt(env, 'SESSION_MAX_DATA_BYTES', 65_536, 256, 1_048_576),
    maxDataFields: readInt(env, 'SESSION_MAX_DATA_FIELDS', 256, 1, 1_024),
    reservationTtlSeconds: readInt(env, 'SESSION_ID_RESERVATION_TTL_SECONDS', 600, 10, DAY),
    logSalt: env.SESSION_LOG_SALT || undefined,
    retentionMarginSeconds: readInt(env, 'SESSION_RETENTION_MARGIN_SECONDS', 3_600, 60, 7 * DAY),
    touchIntervalMs: readInt(env, 'SESSION_TOUCH_INTERVAL_MS', 1_000, 0, 60_000),
    reaperIntervalMs: readInt(env, 'REAPER_INTERVAL_MS', 500, 50, 60_000),
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 10_000, 100, 10_000_000),
  };
}
