import { type BaseConfig, baseConfigFromEnv, readInt } from '@trellis/service-kit';

export interface RegistryConfig extends BaseConfig {
  reaperIntervalMs: number;
  streamMaxLength: number;
}

export const SERVICE = { name: 'registry-svc', version: '0.1.0', defaultPort: 7100 } as const;

/** The only place registry-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): RegistryConfig {
  return {
    ...baseConfigFromEnv(env, SERVICE),
    reaperIntervalMs: readInt(env, 'REAPER_INTERVAL_MS', 500, 50, 60_000),
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 10_000, 100, 10_000_000),
  };
}
