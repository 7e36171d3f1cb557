import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type RedisSettings, redisSettingsFromEnv } from '@trellis/redis-core';
import { type ApiKey, parseApiKeys } from './auth.js';

/** Settings every Trellis service reads from the same variables (DESIGN §1). */
export interface BaseConfig {
  serviceName: string;
  version: string;
  host: string;
  port: number;
  /** Address other services use to reach this instance; defaults to `host` (or 127.0.0.1 for 0.0.0.0). */
  advertiseHost: string;
  redis: RedisSettings;
  keyPrefix: string;
  /** Where registry-svc is; undefined disables self-registration. */
  registryUrl: string | undefined;
  registryApiKey: string | undefined;
  registrationTtlSeconds: number;
  apiKeys: ApiKey[];
  logLevel: string;
  instanceId: string;
  zone: string;
  bodyLimitBytes: number;
  /** How long shutdown waits for in-flight requests before giving up. */
  shutdownGraceMs: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

export function readEnum<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`);
  }
  return raw as T;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Parses the shared variables. Services call this from their own config.ts with process.env,
 * adding their own settings beside it.
 */
export function baseConfigFromEnv(
  env: Env,
  service: { name: string; version: string; defaultPort: number },
): BaseConfig {
  const host = env.HOST || '127.0.0.1';
  const port = readInt(env, 'PORT', service.defaultPort, 0, 65_535);
  let redis: RedisSettings;
  try {
    redis = redisSettingsFromEnv(env, 'redis://127.0.0.1:6379');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const registryUrl = env.REGISTRY_URL || undefined;
  if (registryUrl && !/^https?:\/\//.test(registryUrl)) {
    throw new ConfigError(`REGISTRY_URL must be an http(s) URL (got ${JSON.stringify(registryUrl)})`);
  }
  const keyPrefix = env.TRELLIS_KEY_PREFIX || 'trellis';
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(keyPrefix)) {
    throw new ConfigError('TRELLIS_KEY_PREFIX must be lower-case letters, digits and dashes');
  }
  let apiKeys: ApiKey[];
  try {
    apiKeys = parseApiKeys(env.TRELLIS_API_KEYS ?? '');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return {
    serviceName: service.name,
    version: env.SERVICE_VERSION || service.version,
    host,
    port,
    advertiseHost: env.ADVERTISE_HOST || (host === '0.0.0.0' || host === '::' ? hostname() : host),
    redis,
    keyPrefix,
    registryUrl,
    registryApiKey: env.REGISTRY_API_KEY || undefined,
    registrationTtlSeconds: readInt(env, 'REGISTRATION_TTL_SECONDS', 15, 5, 300),
    apiKeys,
    logLevel: readEnum(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    instanceId: env.INSTANCE_ID || `${service.name}-${hostname()}-${randomBytes(4).toString('hex')}`,
    zone: env.SERVICE_ZONE || 'default',
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', 1_048_576, 1_024, 64 * 1_048_576),
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
}
