import { type BaseConfig, baseConfigFromEnv, ConfigError, readEnum, readInt } from '@trellis/service-kit';
import type { CheckType } from './schemas.js';

/** Check settings a service gets until someone PUTs its own. */
export interface DefaultCheckSettings {
  type: CheckType;
  intervalMs: number;
  timeoutMs: number;
  successBeforePassing: number;
  failuresBeforeWarning: number;
  failuresBeforeCritical: number;
  deregisterCriticalAfterMs: number | null;
  flapThreshold: number;
  flapWindowChecks: number;
}

export interface HealthConfig extends BaseConfig {
  defaults: DefaultCheckSettings;
  /** Run checks from this replica (an API-only replica sets CHECKER_ENABLED=false). */
  checkerEnabled: boolean;
  /** Checks one replica runs at once; beyond that it leaves instances to the other replicas. */
  maxConcurrentChecks: number;
  /** A replica that has not renewed its membership this long no longer gets a share of the work. */
  replicaTtlMs: number;
  /** How often orphaned health records (their instance left while no replica watched) are swept. */
  sweepIntervalMs: number;
  /** How long a removed instance stays removed for replicas whose registry view lags. */
  tombstoneTtlMs: number;
  registryWatchTimeoutSeconds: number;
  streamMaxLength: number;
}

export const SERVICE = { name: 'health-svc', version: '0.1.0', defaultPort: 7101 } as const;

function readBool(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  return readEnum(env, name, fallback ? 'true' : 'false', ['true', 'false']) === 'true';
}

/** The only place health-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): HealthConfig {
  const deregisterAfter = readInt(env, 'DEFAULT_DEREGISTER_CRITICAL_AFTER_MS', 0, 0, 30 * 86_400_000);
  const defaults: DefaultCheckSettings = {
    type: readEnum(env, 'DEFAULT_CHECK_TYPE', 'http', ['http', 'tcp', 'ttl'] as const),
    intervalMs: readInt(env, 'DEFAULT_CHECK_INTERVAL_MS', 10_000, 100, 3_600_000),
    timeoutMs: readInt(env, 'DEFAULT_CHECK_TIMEOUT_MS', 2_000, 50, 300_000),
    successBeforePassing: readInt(env, 'DEFAULT_SUCCESS_BEFORE_PASSING', 1, 1, 100),
    failuresBeforeWarning: readInt(env, 'DEFAULT_FAILURES_BEFORE_WARNING', 1, 1, 100),
    failuresBeforeCritical: readInt(env, 'DEFAULT_FAILURES_BEFORE_CRITICAL', 3, 1, 100),
    deregisterCriticalAfterMs: deregisterAfter === 0 ? null : deregisterAfter,
    flapThreshold: readInt(env, 'DEFAULT_FLAP_THRESHOLD', 5, 0, 100),
    flapWindowChecks: readInt(env, 'DEFAULT_FLAP_WINDOW_CHECKS', 20, 2, 100),
  };
  if (defaults.timeoutMs >= defaults.intervalMs) throw new ConfigError('DEFAULT_CHECK_TIMEOUT_MS must be below DEFAULT_CHECK_INTERVAL_MS');
  if (defaults.failuresBeforeWarning > defaults.failuresBeforeCritical) {
    throw new ConfigError('DEFAULT_FAILURES_BEFORE_WARNING must not exceed DEFAULT_FAILURES_BEFORE_CRITICAL');
  }
  if (deregisterAfter !== 0 && deregisterAfter < 1_000) throw new ConfigError('DEFAULT_DEREGISTER_CRITICAL_AFTER_MS must be 0 (never) or >= 1000');
  return {
    ...baseConfigFromEnv(env, SERVICE),
    defaults,
    checkerEnabled: readBool(env, 'CHECKER_ENABLED', true),
    maxConcurrentChecks: readInt(env, 'MAX_CONCURRENT_CHECKS', 256, 1, 100_000),
    replicaTtlMs: readInt(env, 'REPLICA_TTL_MS', 5_000, 500, 300_000),
    sweepIntervalMs: readInt(env, 'SWEEP_INTERVAL_MS', 30_000, 100, 3_600_000),
    tombstoneTtlMs: readInt(env, 'TOMBSTONE_TTL_MS', 600_000, 1_000, 86_400_000),
    registryWatchTimeoutSeconds: readInt(env, 'REGISTRY_WATCH_TIMEOUT_SECONDS', 30, 1, 60),
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 10_000, 100, 10_000_000),
  };
}
