import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import type { LimitsConfig } from './config.js';
import { CounterService } from './counter-service.js';
import { DefinitionCache } from './definition-cache.js';
import { Definitions } from './definitions.js';
import { DenyCache } from './deny-cache.js';
import { LimitsStore } from './limits-store.js';
import { type Clock, QuotaService } from './quota-service.js';
import { RateLimitService } from './rate-limit-service.js';
import { checkRoutes } from './routes/checks.js';
import { counterRoutes } from './routes/counters.js';
import { policyRoutes } from './routes/policies.js';
import { quotaRoutes } from './routes/quotas.js';
import { ALL_SCHEMAS } from './schemas.js';

export interface BuildAppOptions {
  /**
   * The clock quota periods are computed from (default Date.now). Only code can pass one (tests
   * do, to cross a month's or year's midnight); nothing in the environment or a request can.
   */
  clock?: Clock;
  /** Follow the definitions change log (default true; the OpenAPI generator turns it off). */
  watchDefinitions?: boolean;
}

/** Builds limits-svc without listening or reading the environment. */
export async function buildApp(config: LimitsConfig, deps: ServiceDeps, options: BuildAppOptions = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Counters, rate limits (sliding-log, sliding-window, token-bucket, gcra, fixed-window; several policies in one atomic check) and calendar quotas in a time zone, exact under any concurrency.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'counters', description: 'Atomic counters with a TTL' },
      { name: 'policies', description: 'Rate-limit policy definitions' },
      { name: 'rate limits', description: 'Check, peek, reset, penalty/reward and block subjects' },
      { name: 'quotas', description: 'Calendar-period quotas in a time zone' },
    ],
  });
  const store = new LimitsStore(deps.redis, { keyPrefix: config.keyPrefix, streamMaxLength: config.streamMaxLength });
  const cache = new DefinitionCache(store, deps.changeLog, config.definitionCacheTtlMs);
  const definitions = new Definitions(store, cache);
  const limits = new RateLimitService(store, definitions, new DenyCache(config.denyCacheMaxKeys, config.denyCacheMaxMs));
  const quotas = new QuotaService(store, definitions, options.clock ?? Date.now);

  counterRoutes(app, new CounterService(store));
  policyRoutes(app, definitions, limits);
  checkRoutes(app, limits);
  quotaRoutes(app, definitions, quotas);

  if (options.watchDefinitions ?? true) {
    app.addHook('onReady', async () => cache.start());
    app.addHook('onClose', async () => cache.stop());
  }
  return app;
}
