import { Type } from 'typebox';
import {
  type BaseConfig,
  type BuildServiceOptions,
  buildService,
  HttpProblem,
  problemResponses,
  ref,
  type ServiceDeps,
  streamChanges,
  type TrellisApp,
} from '../src/index.js';

export const Greeting = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 16 }), message: Type.String() },
  { $id: 'Greeting', additionalProperties: false },
);

/** A small service built the way every Trellis service is, to test the spine. */
export async function buildDemoApp(config: BaseConfig, deps: ServiceDeps, extra: Partial<BuildServiceOptions> = {}): Promise<TrellisApp> {
  const app = await buildService({
    name: config.serviceName,
    version: config.version,
    description: 'demo',
    instanceId: config.instanceId,
    redis: deps.redis,
    apiKeys: config.apiKeys,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    schemas: [Greeting],
    ...extra,
  });
  const scope = { revisionKey: `${config.keyPrefix}:demo:rev:{d}`, streamKey: `${config.keyPrefix}:demo:events:{d}` };

  app.post(
    '/v1/greetings',
    {
      schema: {
        operationId: 'greet',
        tags: ['demo'],
        summary: 'Greet',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false }),
        response: { 200: ref(Greeting), ...problemResponses(409) },
      },
    },
    async (request) => {
      if (request.body.name === 'taken') throw new HttpProblem(409, 'CONFLICT', 'name taken');
      await deps.redis.set(`${config.keyPrefix}:demo:last:{d}`, request.body.name);
      return { name: request.body.name, message: `hello ${request.body.name}` };
    },
  );
  app.get('/v1/greetings/:name', { schema: { hide: true, params: Type.Object({ name: Type.String({ maxLength: 2_000 }) }) } }, async (request) => ({
    name: request.params.name,
  }));
  app.post('/v1/echo', { schema: { hide: true } }, async (request) => ({ body: request.body }));
  app.get('/v1/boom', { schema: { hide: true } }, async () => {
    throw new Error('bug');
  });
  app.get('/v1/admin-only', { config: { scope: 'admin' }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/v1/watch', { schema: { hide: true } }, (request, reply) => {
    streamChanges(request, reply, { changeLog: deps.changeLog, scope });
    return reply;
  });
  return app;
}
