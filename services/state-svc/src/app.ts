import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import type { StateConfig } from './config.js';
import { LockService } from './lock-service.js';
import { LockStore } from './lock-store.js';
import { documentRoutes, MERGE_PATCH } from './routes/documents.js';
import { lockRoutes } from './routes/locks.js';
import { watchRoutes } from './routes/watch.js';
import { ALL_SCHEMAS } from './schemas.js';
import { StateService } from './state-service.js';
import { StateStore } from './state-store.js';
import { TtlReaper } from './ttl-reaper.js';

/** Builds state-svc without listening or reading the environment. */
export async function buildApp(config: StateConfig, deps: ServiceDeps, options: { reaper?: boolean } = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Versioned JSON documents in namespaces with ETag/If-Match compare-and-set, JSON Merge Patch, TTLs and watches (SSE or long-poll) from a revision; locks with owner tokens and fencing tokens, and fenced writes.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    // Merge patches are JSON: the same parser (prototype poisoning refused alike) and depth limit.
    jsonMediaTypes: [MERGE_PATCH],
    // Room for the body around `data` and a level past the document limit, so that a document
    // just too deep gets state-svc's own DOCUMENT_TOO_DEEP (with maxDepth); deeper bodies stop
    // at the parser (JSON_TOO_DEEP), before any code walks them.
    maxJsonDepth: config.maxDocumentDepth + 2,
    schemas: ALL_SCHEMAS,
    tags: [
      { name: 'documents', description: 'Versioned JSON documents with optimistic concurrency' },
      { name: 'watch', description: 'Follow a namespace or a document from a revision' },
      { name: 'locks', description: 'Leases with owner tokens and fencing tokens' },
    ],
  });

  const store = new StateStore(deps.redis, {
    keyPrefix: config.keyPrefix,
    streamMaxLength: config.streamMaxLength,
    expiryGraceMs: config.expiryGraceMs,
  });
  const lockStore = new LockStore(deps.redis, { keyPrefix: config.keyPrefix });
  const locks = new LockService(lockStore, config.lockMaxWaitMs);
  const state = new StateService(store, lockStore, deps.changeLog, {
    maxBytes: config.maxDocumentBytes,
    maxDepth: config.maxDocumentDepth,
  });
  documentRoutes(app, state);
  watchRoutes(app, state);
  lockRoutes(app, locks);
  app.addHook('preClose', async () => locks.close());

  if (options.reaper ?? true) {
    const reaper = new TtlReaper(store, app.log, config.reaperIntervalMs);
    app.addHook('onReady', async () => reaper.start());
    app.addHook('onClose', async () => reaper.stop());
  }
  return app;
}
