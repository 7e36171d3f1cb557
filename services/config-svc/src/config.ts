import { type BaseConfig, baseConfigFromEnv, ConfigError, readEnum, readInt } from '@trellis/service-kit';

export interface ConfigLimits {
  /** Largest value, as its compact JSON text (UTF-8 bytes); larger writes answer 413. */
  maxValueBytes: number;
  /** Versions kept per key (tombstones included); older ones cannot be rolled back to. */
  historyLimit: number;
  maxKeysPerNamespace: number;
  /** Sum of the current values' sizes in one namespace: the snapshot is answered in one piece. */
  maxNamespaceBytes: number;
  /** Values up to this size travel inside change events; larger ones are fetched by watchers. */
  eventInlineValueBytes: number;
  /** How long the history of a deleted key is kept (0: until the key is written again). */
  deletedHistoryTtlSeconds: number;
  maxSchemaBytes: number;
  maxSchemasPerNamespace: number;
  /** PUT/DELETE/rollback without If-Match or If-None-Match answer 428. */
  requireIfMatch: boolean;
}

export interface ConfigSvcConfig extends BaseConfig {
  limits: ConfigLimits;
  /** Events kept per namespace for resuming watchers; older ones answer "compacted". */
  streamMaxLength: number;
}

export const SERVICE = { name: 'config-svc', version: '0.1.0', defaultPort: 7104 } as const;

/** The only place config-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigSvcConfig {
  const base = baseConfigFromEnv(env, SERVICE);
  const maxValueBytes = readInt(env, 'CONFIG_MAX_VALUE_BYTES', 512 * 1_024, 16, 16 * 1_048_576);
  const limits: ConfigLimits = {
    maxValueBytes,
    historyLimit: readInt(env, 'CONFIG_HISTORY_LIMIT', 20, 1, 1_000),
    maxKeysPerNamespace: readInt(env, 'CONFIG_MAX_KEYS_PER_NAMESPACE', 5_000, 1, 1_000_000),
    maxNamespaceBytes: readInt(env, 'CONFIG_MAX_NAMESPACE_BYTES', 16 * 1_048_576, 16, 512 * 1_048_576),
    eventInlineValueBytes: readInt(env, 'CONFIG_EVENT_INLINE_VALUE_BYTES', 64 * 1_024, 0, 16 * 1_048_576),
    deletedHistoryTtlSeconds: readInt(env, 'CONFIG_DELETED_HISTORY_TTL_SECONDS', 7 * 86_400, 0, 10 * 365 * 86_400),
    maxSchemaBytes: readInt(env, 'CONFIG_MAX_SCHEMA_BYTES', 64 * 1_024, 64, 1_048_576),
    maxSchemasPerNamespace: readInt(env, 'CONFIG_MAX_SCHEMAS_PER_NAMESPACE', 100, 1, 10_000),
    requireIfMatch: readEnum(env, 'CONFIG_REQUIRE_IF_MATCH', 'false', ['true', 'false']) === 'true',
  };
  if (limits.maxNamespaceBytes < limits.maxValueBytes) {
    throw new ConfigError('CONFIG_MAX_NAMESPACE_BYTES must be at least CONFIG_MAX_VALUE_BYTES');
  }
  return {
    ...base,
    limits,
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 1_000, 10, 10_000_000),
  };
}
