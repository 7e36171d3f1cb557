import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import type { ConfigSvcConfig } from './config.js';
import { ConfigService } from './config-service.js';
import { ConfigStore } from './config-store.js';
import { keyRoutes } from './routes/keys.js';
import { namespaceRoutes } from './routes/namespaces.js';
import { valueSchemaRoutes } from './routes/value-schemas.js';
import { watchRoutes } from './routes/watch.js';
import { ALL_SCHEMAS } from './schemas.js';

/** Builds config-svc without listening or reading the environment. */
export async function buildApp(config: ConfigSvcConfig, deps: ServiceDeps): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Versioned, watchable configuration: namespaces of JSON values with compare-and-set, history and rollback, optional JSON Schemas, and a change log to watch (SSE or long-poll) from a revision. A namespace such as `payments/prod` is one path segment: send its slashes as %2F.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'keys', description: 'Read, write and delete one key' },
      { name: 'namespaces', description: 'Snapshots and the list of namespaces' },
      { name: 'history', description: 'Retained versions and rollback' },
      { name: 'schemas', description: 'JSON Schemas that values must satisfy' },
      { name: 'watch', description: 'Follow changes from a revision' },
    ],
  });
  const store = new ConfigStore(deps.redis, config.limits, { keyPrefix: config.keyPrefix, streamMaxLength: config.streamMaxLength });
  const service = new ConfigService(store, deps.changeLog, config.limits, app.log);
  namespaceRoutes(app, service);
  keyRoutes(app, service, config.limits);
  valueSchemaRoutes(app, service, config.limits);
  watchRoutes(app, service);
  return app;
}
