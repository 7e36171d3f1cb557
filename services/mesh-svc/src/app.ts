import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { CallRecorder } from './call-recorder.js';
import type { MeshConfig } from './config.js';
import { DestinationCatalog } from './destination-catalog.js';
import { MetricsService } from './metrics-service.js';
import { MetricsStore } from './metrics-store.js';
import { ProxyService } from './proxy/proxy-service.js';
import { ResolveService } from './resolve-service.js';
import { RouteCache } from './route-cache.js';
import { RouteService } from './route-service.js';
import { RouteStore } from './route-store.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { proxyRoutes } from './routes/proxy-routes.js';
import { resolveRoutes } from './routes/resolve-routes.js';
import { routeRoutes } from './routes/route-routes.js';
import { watchRoutes } from './routes/watch-routes.js';
import { ALL_SCHEMAS } from './schemas.js';

/** Builds mesh-svc without listening or reading the environment. */
export async function buildApp(config: MeshConfig, deps: ServiceDeps, options: { background?: boolean } = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Mesh policy and golden metrics: per source -> destination routes (splits, timeouts, retries, budgets, circuit breaking, outlier detection, balancing), resolution of healthy instances, a proxy applying the route, and call metrics merged exactly across replicas.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'routes', description: 'Routing policy per source and destination' },
      { name: 'watch', description: 'Follow route changes from a revision' },
      { name: 'resolve', description: 'Healthy instances with their traffic shares' },
      { name: 'proxy', description: 'Calls forwarded with the route policy' },
      { name: 'metrics', description: 'Golden metrics: RPS, success rate, latency percentiles' },
    ],
  });

  const routes = new RouteService(new RouteStore(deps.redis, { keyPrefix: config.keyPrefix, streamMaxLength: config.streamMaxLength }), deps.changeLog);
  const metrics = new MetricsService(new MetricsStore(deps.redis, { keyPrefix: config.keyPrefix, retentionMinutes: config.metricsRetentionMinutes }));
  const catalog = new DestinationCatalog({
    registryUrl: config.registryUrl,
    registryApiKey: config.registryApiKey,
    healthUrl: config.healthUrl,
    healthApiKey: config.healthApiKey,
    maxDestinations: config.maxDestinations,
    idleMs: config.destinationIdleMs,
  });
  const routeCache = new RouteCache(routes);
  const recorder = new CallRecorder(metrics, config.metricsFlushMs, app.log);
  const proxy = new ProxyService(catalog, routeCache, recorder, app.log);

  routeRoutes(app, routes);
  watchRoutes(app, routes);
  resolveRoutes(app, new ResolveService(routes, catalog));
  metricsRoutes(app, metrics);
  await proxyRoutes(app, proxy, config.proxyBodyLimitBytes);

  if (options.background ?? true) {
    app.addHook('onReady', async () => {
      routeCache.start();
      recorder.start();
    });
  }
  app.addHook('onClose', async () => {
    routeCache.close();
    await recorder.stop();
    catalog.close();
    await proxy.close();
  });
  return app;
}
