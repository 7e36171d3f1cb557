import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RedisClient } from '@trellis/redis-core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import type { TSchema } from 'typebox';
import { type ApiKey, registerAuth } from './auth.js';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from './error-handler.js';
import { DEFAULT_MAX_JSON_DEPTH, registerJsonBody } from './json-body.js';
import { bufferedStdout } from './log-destination.js';
import { registerMetrics, type ServiceMetrics } from './metrics.js';
import { type ProbeState, registerProbes } from './probes.js';
import { ProblemSchema } from './problem.js';
import { registerConnectionDraining, registerRequestLifecycle } from './request-lifecycle.js';
import { requestLoggerFactory } from './request-logger.js';
import { registerSseShutdown } from './sse.js';
import { registerValidation } from './validation.js';

export type TrellisApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface BuildServiceOptions {
  name: string;
  version: string;
  description: string;
  instanceId?: string;
  redis: RedisClient;
  apiKeys?: ApiKey[];
  logLevel?: string;
  bodyLimitBytes?: number;
  /** How deep a JSON body may nest (default 64): deeper is a 400, before any route sees it. */
  maxJsonDepth?: number;
  /** Media types besides application/json parsed as JSON, under the same limits (e.g. application/merge-patch+json). */
  jsonMediaTypes?: string[];
  /** Schemas with `$id`, published under components.schemas and referable with ref(). */
  schemas?: TSchema[];
  tags?: { name: string; description: string }[];
  /** Where log lines go; by default standard output, written in batches. */
  logStream?: DestinationStream;
  /** Rewrites URLs before they are logged (e.g. to hide session ids). */
  redactUrl?: (url: string) => string;
}

export interface ServiceContext {
  name: string;
  version: string;
  instanceId: string;
  redis: RedisClient;
  metrics: ServiceMetrics;
  probeState: ProbeState;
}

declare module 'fastify' {
  interface FastifyInstance {
    trellis: ServiceContext;
  }
}

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/**
 * In the published document a field with a default is not required: callers may leave it out
 * and validation fills it in. (TypeBox lists it as required, which would make every generated
 * client send every defaulted field.)
 */
function optionalDefaults<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) optionalDefaults(item);
  } else if (node && typeof node === 'object') {
    const schema = node as {
      properties?: Record<string, { default?: unknown }>;
      required?: string[] | boolean;
      in?: string;
      schema?: { default?: unknown };
    };
    if (schema.properties && Array.isArray(schema.required)) {
      schema.required = schema.required.filter((name) => schema.properties?.[name]?.default === undefined);
    }
    // A query or header parameter with a default.
    if (schema.in && schema.required === true && schema.schema?.default !== undefined) schema.required = false;
    for (const value of Object.values(node)) optionalDefaults(value);
  }
  return node;
}

/**
 * The spine every Trellis service shares (DESIGN §4): Fastify with TypeBox, OpenAPI at
 * /openapi.json and /docs, problem+json errors, request ids, redacted logs, API-key auth,
 * Prometheus metrics and health probes. The service adds its routes to what this returns.
 */
export async function buildService(options: BuildServiceOptions): Promise<TrellisApp> {
  const redactUrl = options.redactUrl ?? ((url: string) => url);
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    // Path parameters are bounded by each route's schema; the router's own cap (100) is lower.
    routerOptions: { maxParamLength: 1_024 },
    // The router's and Node's HTTP parser's refusals answer problem+json like every other error.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger: {
      level: options.logLevel ?? 'info',
      base: { service: options.name, instance: options.instanceId },
      stream: options.logStream ?? bufferedStdout(),
      // Headers are never logged (the serializer below picks fields), so nothing needs redacting;
      // URLs that carry secrets go through redactUrl.
      serializers: {
        req: (request) => ({
          method: request.method,
          url: redactUrl(request.url),
          remoteAddress: request.ip,
          requestId: request.id,
        }),
      },
    },
    forceCloseConnections: 'idle',
    // One access-log line per request (below), not Fastify's two: logging is a large share of
    // a hot path's cost (measured in bench/).
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: requestLoggerFactory,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const probeState: ProbeState = { draining: false, registrar: undefined };
  registerConnectionDraining(app, probeState);
  const metrics = registerMetrics(app, options.name);
  registerRequestLifecycle(app, metrics);

  // Trellis APIs speak JSON (and merge-patch+json where a route adds it): anything else is a 415.
  app.removeContentTypeParser('text/plain');
  registerJsonBody(app, options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH, options.jsonMediaTypes);
  registerValidation(app);
  app.addSchema(ProblemSchema);
  for (const schema of options.schemas ?? []) {
    if (typeof (schema as { $id?: unknown }).$id !== 'string') throw new Error('shared schemas need an $id');
    app.addSchema(schema);
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.name, version: options.version, description: options.description },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API key (TRELLIS_API_KEYS), when the deployment sets any' },
        },
      },
      security: [{ bearer: [] }],
      tags: options.tags ?? [],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
    },
    transformObject: (documentObject) =>
      optionalDefaults('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject),
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true } as typeof route.config;
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true }, uiHooks: {} });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerErrorHandling(app, () => metrics.redisErrors.inc({ kind: 'unavailable' }));
  registerAuth(app, options.apiKeys ?? []);
  registerProbes(
    app,
    options.redis,
    { name: options.name, version: options.version, instanceId: options.instanceId ?? options.name },
    probeState,
  );
  registerSseShutdown(app);

  app.decorate('trellis', {
    name: options.name,
    version: options.version,
    instanceId: options.instanceId ?? options.name,
    redis: options.redis,
    metrics,
    probeState,
  });
  return app;
}
