import { type BaseConfig, baseConfigFromEnv, ConfigError, readEnum, readInt } from '@trellis/service-kit';
import { ENVIRONMENT_PATTERN } from './schemas.js';

export interface FlagsConfig extends BaseConfig {
  /** Environment used when a request names none. */
  defaultEnvironment: string;
  /** 428 for updates and deletes without If-Match (creates then need If-None-Match or nothing). */
  requireIfMatch: boolean;
  streamMaxLength: number;
  /** Environments kept compiled in memory per instance (least recently used ones are dropped). */
  maxEnvironments: number;
  usageFlushMs: number;
  usageRetentionDays: number;
  importBodyLimitBytes: number;
  /** How long a write waits for this instance's snapshot to include it. */
  readYourWritesMs: number;
}

export const SERVICE = { name: 'flags-svc', version: '0.1.0', defaultPort: 7105 } as const;

/** The only place flags-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): FlagsConfig {
  const defaultEnvironment = env.DEFAULT_ENVIRONMENT || 'default';
  if (!new RegExp(ENVIRONMENT_PATTERN).test(defaultEnvironment)) {
    throw new ConfigError(`DEFAULT_ENVIRONMENT must match ${ENVIRONMENT_PATTERN}`);
  }
  return {
    ...baseConfigFromEnv(env, SERVICE),
    defaultEnvironment,
    requireIfMatch: readEnum(env, 'REQUIRE_IF_MATCH', 'false', ['true', 'false']) === 'true',
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 10_000, 100, 10_000_000),
    maxEnvironments: readInt(env, 'MAX_ENVIRONMENTS', 64, 1, 10_000),
    usageFlushMs: readInt(env, 'USAGE_FLUSH_MS', 10_000, 50, 600_000),
    usageRetentionDays: readInt(env, 'USAGE_RETENTION_DAYS', 8, 1, 400),
    importBodyLimitBytes: readInt(env, 'IMPORT_BODY_LIMIT_BYTES', 16 * 1_048_576, 1_024, 256 * 1_048_576),
    readYourWritesMs: readInt(env, 'READ_YOUR_WRITES_MS', 1_000, 0, 10_000),
  };
}
