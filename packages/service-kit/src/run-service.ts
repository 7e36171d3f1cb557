import { writeFile } from 'node:fs/promises';
import {
  ChangeLog,
  createBlockingConnection,
  createRedis,
  type RedisClient,
  waitUntilReady,
} from '@trellis/redis-core';
import closeWithGrace from 'close-with-grace';
import type { BaseConfig } from './base-config.js';
import type { TrellisApp } from './build-service.js';
import { Registrar } from './registrar.js';

/** What a service's buildApp receives besides its config: its connections. */
export interface ServiceDeps {
  redis: RedisClient;
  changeLog: ChangeLog;
}

/**
 * Opens the service's Redis connections. `connect: false` builds them without connecting (for
 * generating the OpenAPI document); otherwise connecting starts at once and retries on its own,
 * while requests answer 503 until Redis is there.
 */
export function createServiceDeps(config: BaseConfig, options: { connect?: boolean } = {}): ServiceDeps {
  const connectionName = `${config.serviceName}:${config.instanceId}`;
  const redis = createRedis(config.redis.connection, { auth: config.redis.auth, connectionName });
  // Connection errors surface as 503s, /readyz and /health; an 'error' listener keeps ioredis
  // from printing every failed reconnect attempt.
  redis.on('error', () => {});
  if (options.connect ?? true) redis.connect().catch(() => {});
  const changeLog = new ChangeLog(redis, {
    openBlockingConnection: () => {
      const connection = createBlockingConnection(config.redis.connection, {
        auth: config.redis.auth,
        connectionName: `${connectionName}:watch`,
      });
      // The reader retries on its own; the listener only keeps ioredis from printing each failure.
      connection.on('error', () => {});
      return connection;
    },
  });
  return { redis, changeLog };
}

export async function closeServiceDeps(deps: ServiceDeps): Promise<void> {
  await deps.changeLog.close();
  deps.redis.disconnect();
}

export interface RunningService {
  app: TrellisApp;
  url: string;
  registrar: Registrar | undefined;
  /** Graceful stop: drain, deregister, finish in-flight requests, close connections. */
  stop(): Promise<void>;
}

/**
 * Starts a service: connect Redis (without failing if it is down: /readyz says so), listen,
 * register with registry-svc, and stop gracefully on SIGTERM/SIGINT.
 */
export async function startService<C extends BaseConfig>(
  config: C,
  buildApp: (config: C, deps: ServiceDeps) => Promise<TrellisApp>,
  options: { handleSignals?: boolean; healthPath?: string; metadata?: Record<string, string>; tags?: string[] } = {},
): Promise<RunningService> {
  const deps = createServiceDeps(config);
  const redisReady = await waitUntilReady(deps.redis, 5_000);
  const app = await buildApp(config, deps);
  if (!redisReady) app.log.warn('Redis is not reachable yet; answering 503 until it is');
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.advertiseHost.includes(':') ? `[${config.advertiseHost}]` : config.advertiseHost}:${port}`;

  // Signals are handled from here on, before registering: a SIGTERM that arrives while the
  // registration is in flight must still deregister, not kill the process half-registered.
  let registrar: Registrar | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const started = Date.now();
      app.trellis.probeState.draining = true;
      deps.changeLog.drain();
      await registrar?.drain();
      await registrar?.deregister();
      const deregisteredMs = Date.now() - started;
      await app.close();
      const closedMs = Date.now() - started;
      await closeServiceDeps(deps);
      app.log.info({ deregisteredMs, closedMs, totalMs: Date.now() - started }, 'stopped');
    })());

  if (options.handleSignals ?? true) {
    closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'shutting down after an error');
      else app.log.info({ signal }, 'shutting down');
      await stop();
    });
  }
  // registry-svc registers itself through its own API, like every other service.
  const registryUrl = config.registryUrl ?? (config.serviceName === 'registry-svc' ? url : undefined);
  if (registryUrl) {
    registrar = new Registrar(
      {
        service: config.serviceName,
        instanceId: config.instanceId,
        host: config.advertiseHost,
        port,
        version: config.version,
        zone: config.zone,
        ttlSeconds: config.registrationTtlSeconds,
        healthPath: options.healthPath ?? '/readyz',
        tags: options.tags ?? [],
        metadata: { ...(options.metadata ?? {}), docs: '/docs' },
      },
      { registryUrl, apiKey: config.registryApiKey, logger: app.log },
    );
    app.trellis.probeState.registrar = registrar;
    await registrar.start();
  }
  app.log.info({ url, docs: `${url}/docs` }, `${config.serviceName} listening`);

  return { app, url, registrar, stop };
}

/** `gen:openapi`: build the app without listening or connecting, and write its document. */
export async function writeOpenApiDocument(app: TrellisApp, path: string): Promise<void> {
  await app.ready();
  const document = app.swagger();
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}
