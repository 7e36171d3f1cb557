import { createRegistryClient } from '@trellis/clients';
import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { Checker } from './checker.js';
import type { HealthConfig } from './config.js';
import { HealthService } from './health-service.js';
import { HealthStore } from './health-store.js';
import { checkRoutes } from './routes/checks.js';
import { healthRoutes } from './routes/health.js';
import { watchRoutes } from './routes/watch.js';
import { ALL_SCHEMAS } from './schemas.js';

export interface BuildOptions {
  /** Run this replica's share of the checks (default: config.checkerEnabled, when REGISTRY_URL is set). */
  checker?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This replica's checking machinery, when it runs one. */
    healthChecker: Checker | undefined;
  }
}

/** Builds health-svc without listening or reading the environment. */
export async function buildApp(config: HealthConfig, deps: ServiceDeps, options: BuildOptions = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Health checks for every instance registry-svc lists (HTTP, TCP, TTL), shared across replicas; per-instance status with thresholds, flap damping and maintenance; Consul-style service health and watchable status changes.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'health', description: 'Instance and service health, maintenance' },
      { name: 'checks', description: 'Check settings per service, TTL updates' },
      { name: 'watch', description: 'Follow status changes from a revision' },
    ],
  });
  const store = new HealthStore(deps.redis, {
    keyPrefix: config.keyPrefix,
    defaults: config.defaults,
    streamMaxLength: config.streamMaxLength,
    tombstoneTtlMs: config.tombstoneTtlMs,
  });
  const health = new HealthService(store, deps.changeLog, config.defaults);
  healthRoutes(app, health);
  checkRoutes(app, health);
  watchRoutes(app, health);

  let checker: Checker | undefined;
  if ((options.checker ?? config.checkerEnabled) && config.registryUrl) {
    checker = new Checker({
      store,
      registry: createRegistryClient({ baseUrl: config.registryUrl, apiKey: config.registryApiKey }),
      logger: app.log,
      metricsRegistry: app.trellis.metrics.registry,
      replicaId: config.instanceId,
      userAgent: `trellis-health-svc/${config.version}`,
      maxConcurrentChecks: config.maxConcurrentChecks,
      replicaTtlMs: config.replicaTtlMs,
      sweepIntervalMs: config.sweepIntervalMs,
      registryWatchTimeoutSeconds: config.registryWatchTimeoutSeconds,
    });
    const running = checker;
    app.addHook('onReady', async () => running.start());
    app.addHook('onClose', async () => running.stop());
  } else if (options.checker ?? config.checkerEnabled) {
    app.log.warn('REGISTRY_URL is not set: this replica serves the API but checks nothing');
  }
  app.decorate('healthChecker', checker);
  return app;
}
