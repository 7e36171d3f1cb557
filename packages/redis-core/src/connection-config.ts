import type { RedisAuth, RedisConnectionConfig } from './connection.js';

export interface RedisSettings {
  connection: RedisConnectionConfig;
  auth: RedisAuth;
}

type Env = Record<string, string | undefined>;

function parseHostPorts(value: string, variable: string): { host: string; port: number }[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new TypeError(`${variable} must list host:port pairs`);
  return entries.map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TypeError(`${variable}: "${entry}" is not host:port`);
    }
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

/**
 * Reads the Redis variables every service shares (DESIGN §3). Takes the environment as an
 * argument so that only a service's config.ts touches process.env.
 * Precedence: REDIS_CLUSTER_NODES, then REDIS_SENTINELS, then REDIS_URL.
 */
export function redisSettingsFromEnv(env: Env, fallbackUrl?: string): RedisSettings {
  const auth: RedisAuth = {
    username: env.REDIS_USERNAME || undefined,
    password: env.REDIS_PASSWORD || undefined,
    sentinelUsername: env.REDIS_SENTINEL_USERNAME || undefined,
    sentinelPassword: env.REDIS_SENTINEL_PASSWORD || undefined,
    tls: env.REDIS_TLS === 'true' || env.REDIS_TLS === '1',
  };
  if (env.REDIS_CLUSTER_NODES) {
    return { connection: { kind: 'cluster', nodes: parseHostPorts(env.REDIS_CLUSTER_NODES, 'REDIS_CLUSTER_NODES') }, auth };
  }
  if (env.REDIS_SENTINELS) {
    return {
      connection: {
        kind: 'sentinel',
        sentinels: parseHostPorts(env.REDIS_SENTINELS, 'REDIS_SENTINELS'),
        name: env.REDIS_SENTINEL_NAME || 'trellis',
      },
      auth,
    };
  }
  const url = env.REDIS_URL || fallbackUrl;
  if (!url) throw new TypeError('Set REDIS_URL (or REDIS_SENTINELS / REDIS_CLUSTER_NODES) to reach Redis');
  if (!/^rediss?:\/\//.test(url)) throw new TypeError('REDIS_URL must start with redis:// or rediss://');
  return { connection: { kind: 'standalone', url }, auth };
}
