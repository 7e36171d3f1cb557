import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import type { FlagsConfig } from './config.js';
import { FlagSnapshots } from './flag-snapshots.js';
import { FlagsService } from './flags-service.js';
import { FlagsStore } from './flags-store.js';
import { environmentRoutes } from './routes/environments.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { flagRoutes } from './routes/flags.js';
import { ofrepRoutes } from './routes/ofrep.js';
import { segmentRoutes } from './routes/segments.js';
import { usageRoutes } from './routes/usage.js';
import { watchRoutes } from './routes/watch.js';
import { ALL_SCHEMAS } from './schemas.js';
import { UsageRecorder } from './usage.js';

declare module 'fastify' {
  interface FastifyInstance {
    flags: FlagsService;
  }
}

/** Builds flags-svc without listening or reading the environment. */
export async function buildApp(config: FlagsConfig, deps: ServiceDeps, options: { preload?: boolean } = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Feature flags with Unleash-compatible semantics: flags, segments and environments with ETag CAS and a revisioned change log; evaluation from an in-memory snapshot per environment, natively and over OFREP for OpenFeature.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    // RFC 7396 bodies are JSON: the same parser and depth limit as application/json.
    jsonMediaTypes: ['application/merge-patch+json'],
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'flags', description: 'Create, read, change and delete flags (Unleash model)' },
      { name: 'segments', description: 'Reusable constraint sets' },
      { name: 'environments', description: 'Each environment holds its own flags and segments' },
      { name: 'import-export', description: "Unleash's client features document" },
      { name: 'evaluation', description: 'Evaluate flags for a context (OpenFeature vocabulary)' },
      { name: 'OFREP', description: 'OpenFeature Remote Evaluation Protocol' },
      { name: 'watch', description: 'Follow flag changes from a revision' },
      { name: 'usage', description: 'Evaluation counts per flag per minute' },
    ],
  });

  const store = new FlagsStore(deps.redis, {
    keyPrefix: config.keyPrefix,
    streamMaxLength: config.streamMaxLength,
    usageRetentionSeconds: config.usageRetentionDays * 86_400,
  });
  const snapshots = new FlagSnapshots(store, deps.changeLog, app.log, config.maxEnvironments);
  const usage = new UsageRecorder(store, app.log, config.usageFlushMs);
  const flags = new FlagsService(store, deps.changeLog, snapshots, usage, {
    requireIfMatch: config.requireIfMatch,
    readYourWritesMs: config.readYourWritesMs,
  });
  app.decorate('flags', flags);

  const routeOptions = { defaultEnvironment: config.defaultEnvironment, importBodyLimitBytes: config.importBodyLimitBytes };
  flagRoutes(app, flags, routeOptions);
  segmentRoutes(app, flags, routeOptions);
  environmentRoutes(app, flags);
  evaluationRoutes(app, flags, routeOptions);
  ofrepRoutes(app, flags, routeOptions);
  watchRoutes(app, flags, routeOptions);
  usageRoutes(app, flags, routeOptions);

  app.addHook('onReady', async () => {
    usage.start();
    if (options.preload === false) return;
    // Warm the snapshots of known environments, so the first evaluations do not wait (best effort).
    void store
      .environmentNames()
      .then((names) => Promise.all(names.slice(0, config.maxEnvironments).map((name) => snapshots.get(name))))
      .catch((error: unknown) => app.log.warn({ err: error }, 'could not preload flag snapshots'));
  });
  app.addHook('onClose', async () => {
    await usage.stop();
    snapshots.close();
  });
  return app;
}
