import { buildService, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import type { SessionConfig } from './config.js';
import { Reaper } from './reaper.js';
import { MERGE_PATCH, sessionRoutes } from './routes/sessions.js';
import { userRoutes } from './routes/users.js';
import { watchRoutes } from './routes/watch.js';
import { ALL_SCHEMAS } from './schemas.js';
import { createIdHasher, createUrlRedactor } from './session-ids.js';
import { SessionService } from './session-service.js';
import { SessionStore } from './session-store.js';

/** Builds session-svc without listening or reading the environment. */
export async function buildApp(config: SessionConfig, deps: ServiceDeps, options: { reaper?: boolean } = {}): Promise<TrellisApp> {
  const hashId = createIdHasher(config.logSalt);
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description:
      'Distributed sessions: server-issued ids, idle and absolute expiry, rotation with a grace period, per-field JSON Merge Patch, a per-user index and watchable events.',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    // Merge patches are JSON: the same parser and depth limit as application/json.
    jsonMediaTypes: [MERGE_PATCH],
    schemas: ALL_SCHEMAS,
    // Session ids are credentials: logs only ever see a salted hash of them (OWASP).
    redactUrl: createUrlRedactor(hashId),
    tags: [
      { name: 'sessions', description: 'Create, read, change, rotate and end sessions' },
      { name: 'users', description: "A user's sessions: list, end all, end one" },
      { name: 'watch', description: 'Follow session events from a revision' },
    ],
  });

  const store = new SessionStore(deps.redis, { keyPrefix: config.keyPrefix, streamMaxLength: config.streamMaxLength });
  const sessions = new SessionService(store, deps.changeLog, config, app.log);
  sessionRoutes(app, sessions);
  userRoutes(app, sessions);
  watchRoutes(app, sessions);

  if (options.reaper ?? true) {
    const reaper = new Reaper(sessions, app.log, config.reaperIntervalMs);
    app.addHook('onReady', async () => reaper.start());
    app.addHook('onClose', async () => reaper.stop());
  }
  return app;
}
