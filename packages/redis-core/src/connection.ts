import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

/** Where Redis is: one of the three topologies Trellis supports. */
export type RedisConnectionConfig =
  | { kind: 'standalone'; url: string }
  | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[] };

export interface RedisAuth {
  username?: string | undefined;
  password?: string | undefined;
  sentinelUsername?: string | undefined;
  sentinelPassword?: string | undefined;
  tls?: boolean | undefined;
}

export interface CreateRedisOptions {
  auth?: RedisAuth;
  /** Shown in CLIENT LIST, so an operator can tell which service holds a connection. */
  connectionName?: string;
  /**
   * Fail commands instead of queueing them while Redis is unreachable, so a request answers
   * 503 at once rather than hanging. Blocking readers turn this off.
   */
  failFast?: boolean;
  /** Upper bound on one command's round trip; blocking readers pass 0 (none). */
  commandTimeoutMs?: number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;

function commonOptions(options: CreateRedisOptions): RedisOptions {
  const failFast = options.failFast ?? true;
  const commandTimeout = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  return {
    connectionName: options.connectionName,
    enableOfflineQueue: !failFast,
    maxRetriesPerRequest: failFast ? 1 : null,
    ...(commandTimeout > 0 ? { commandTimeout } : {}),
    // Reconnect quickly at first, then settle at 1 s: a restarted Redis is picked up within ~1 s.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
    lazyConnect: true,
    // No auto-pipelining (ioredis's default). It gathers each tick's commands into a Pipeline
    // object and sends them in one write, which saves Redis a few µs of syscalls per command
    // under heavy concurrency; but its per-command objects outlive young-generation collections
    // (about 2 MB promoted per scavenge at 3,000 requests a second, against 25 KB without), so
    // the services paid 2–5 ms scavenge pauses, frequent full collections, about a sixth more
    // CPU per request and a p99 four times longer at a steady load (bench/FINDINGS.md).
  };
}

function authOptions(auth: RedisAuth | undefined): RedisOptions {
  if (!auth) return {};
  return {
    ...(auth.username ? { username: auth.username } : {}),
    ...(auth.password ? { password: auth.password } : {}),
    ...(auth.tls ? { tls: {} } : {}),
  };
}

/**
 * The one place that constructs ioredis clients. Returns a client that is not yet connected;
 * call `connectRedis` (or let the first command connect it when failFast is off).
 */
export function createRedis(config: RedisConnectionConfig, options: CreateRedisOptions = {}): RedisClient {
  const base = commonOptions(options);
  switch (config.kind) {
    case 'standalone': {
      const url = new URL(config.url);
      if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
        throw new TypeError(`REDIS_URL must start with redis:// or rediss:// (got ${url.protocol}//)`);
      }
      // ioredis reads user, password, db and TLS (rediss://) from the URL itself.
      return new Redis(config.url, { ...base, ...authOptions(options.auth) });
    }
    case 'sentinel':
      return new Redis({
        ...base,
        ...authOptions(options.auth),
        sentinels: config.sentinels,
        name: config.name,
        ...(options.auth?.sentinelUsername ? { sentinelUsername: options.auth.sentinelUsername } : {}),
        ...(options.auth?.sentinelPassword ? { sentinelPassword: options.auth.sentinelPassword } : {}),
        // After a failover, drop the connection to the demoted primary and find the new one.
        reconnectOnError: (error) => (/READONLY/.test(error.message) ? 2 : false),
      });
    case 'cluster': {
      const clusterOptions: ClusterOptions = {
        redisOptions: { ...base, ...authOptions(options.auth) },
        enableOfflineQueue: base.enableOfflineQueue ?? true,
        lazyConnect: true,
        clusterRetryStrategy: (times) => Math.min(100 * times, 1_000),
        slotsRefreshTimeout: 2_000,
      };
      return new Cluster(config.nodes, clusterOptions);
    }
  }
}

/** Connects, resolving once ready; rejects (without throwing later) when Redis is unreachable. */
export async function connectRedis(client: RedisClient): Promise<void> {
  if (client.status === 'ready') return;
  if (client.status === 'wait') {
    // ioredis rejects connect() with a bare "Connection is closed"; the reason (WRONGPASS,
    // ECONNREFUSED, ...) arrives as an 'error' event, so report that instead.
    let reason: unknown;
    const onError = (error: unknown) => {
      reason ??= error;
    };
    client.on('error', onError);
    try {
      await client.connect();
    } catch (error) {
      throw reason ?? error;
    } finally {
      client.off('error', onError);
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('Redis connection ended'));
    };
    const cleanup = () => {
      client.off('ready', onReady);
      client.off('end', onEnd);
    };
    client.on('ready', onReady);
    client.on('end', onEnd);
  });
}

/**
 * A second connection for blocking reads (XREAD BLOCK). It must not share the request
 * connection, must not time out while blocked and should queue while Redis is away.
 */
export function createBlockingConnection(
  config: RedisConnectionConfig,
  options: CreateRedisOptions = {},
): RedisClient {
  return createRedis(config, { ...options, failFast: false, commandTimeoutMs: 0 });
}

/**
 * Waits until the client is ready, or gives up after `timeoutMs` (resolving false): a service
 * starts serving either way, answering 503 while Redis is away.
 */
export function waitUntilReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}
