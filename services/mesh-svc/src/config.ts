import { type BaseConfig, baseConfigFromEnv, ConfigError, readInt } from '@trellis/service-kit';

export interface MeshConfig extends BaseConfig {
  /** Where health-svc is; undefined: resolve and proxy trust the registry (and outlier detection) alone. */
  healthUrl: string | undefined;
  healthApiKey: string | undefined;
  streamMaxLength: number;
  /** Minutes of call metrics kept (the longest window is 60). */
  metricsRetentionMinutes: number;
  /** How often the proxy writes the calls it recorded. */
  metricsFlushMs: number;
  /** Destinations followed at once (each keeps a registry watch); the least recently used goes first. */
  maxDestinations: number;
  /** A destination nobody called or resolved for this long stops being watched. */
  destinationIdleMs: number;
  proxyBodyLimitBytes: number;
}

export const SERVICE = { name: 'mesh-svc', version: '0.1.0', defaultPort: 7102 } as const;

function readUrl(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name] || undefined;
  if (value && !/^https?:\/\//.test(value)) throw new ConfigError(`${name} must be an http(s) URL (got ${JSON.stringify(value)})`);
  return value;
}

/** The only place mesh-svc reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): MeshConfig {
  const base = baseConfigFromEnv(env, SERVICE);
  return {
    ...base,
    healthUrl: readUrl(env, 'HEALTH_URL'),
    healthApiKey: env.HEALTH_API_KEY || base.registryApiKey,
    streamMaxLength: readInt(env, 'EVENT_STREAM_MAX_LENGTH', 10_000, 100, 10_000_000),
    metricsRetentionMinutes: readInt(env, 'METRICS_RETENTION_MINUTES', 120, 61, 10_080),
    metricsFlushMs: readInt(env, 'METRICS_FLUSH_MS', 1_000, 50, 60_000),
    maxDestinations: readInt(env, 'MAX_DESTINATIONS', 256, 1, 10_000),
    destinationIdleMs: readInt(env, 'DESTINATION_IDLE_MS', 300_000, 1_000, 86_400_000),
    proxyBodyLimitBytes: readInt(env, 'PROXY_BODY_LIMIT_BYTES', base.bodyLimitBytes, 0, 256 * 1_048_576),
  };
}
