import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import type { RegistryConfig } from './config.js';
import { Reaper } from './reaper.js';
import { RegistryService } from './registry-service.js';
import { RegistryStore } from './registry-store.js';
import { instanceRoutes } from './routes/instances.js';
import { watchRoutes } from './routes/watch.js';
import { ALL_SCHEMAS } from './schemas.js';

/** Builds registry-svc without listening or reading the environment. */
export async function buildApp(config: RegistryConfig, deps: ServiceDeps, options: { reaper?: boolean } = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Service registry: instances register with a lease and heartbeat; clients discover live instances and watch changes (SSE or long-poll) from a revision.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'instances', description: 'Register, heartbeat, deregister' },
      { name: 'discovery', description: 'Find live instances' },
      { name: 'watch', description: 'Follow changes from a revision' },
    ],
  });
  const store = new RegistryStore(deps.redis, { keyPrefix: config.keyPrefix, streamMaxLength: config.streamMaxLength });
  const registry = new RegistryService(store, deps.changeLog);
  instanceRoutes(app, registry);
  watchRoutes(app, registry);

  if (options.reaper ?? true) {
    const reaper = new Reaper(store, app.log, config.reaperIntervalMs);
    app.addHook('onReady', async () => reaper.start());
    app.addHook('onClose', async () => reaper.stop());
  }
  return app;
}
