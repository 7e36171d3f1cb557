import { type BaseConfig, baseConfigFromEnv, readInt } from '@trellis/service-kit';

export interface LimitsConfig extends BaseConfig {
  /** Subjects this instance remembers as over a limit (0 turns the cache off). */
  denyCacheMaxKeys: number;
  /** Longest a cached denial is trusted, whatever its retry time: bounds how long a reset or
   * reward made through another instance can go unnoticed here. */
  denyCacheMaxMs: number;
  /** How long a policy or quota definition is used without re-reading it, on top of the change
   * log that pushes every change at once (a safety net should an event be missed). */
  definitionCacheTtlMs: number;
  streamMaxLength: number;
}

export const SERVICE = { name: 'limits-svc', version: '0.1.0', defaultPort: 7106 } as const;

/** The only place limits-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): LimitsConfig {
  return {
    ...baseConfigFromEnv(env, SERVICE),
    denyCacheMaxKeys: readInt(env, 'DENY_CACHE_MAX_KEYS', 100_000, 0, 10_000_000),
    denyCacheMaxMs: readInt(env, 'DENY_CACHE_MAX_MS', 60_000, 0, 86_400_000),
    definitionCacheTtlMs: readInt(env, 'DEFINITION_CACHE_TTL_MS', 30_000, 100, 3_600_000),
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 10_000, 100, 10_000_000),
  };
}
