import { defaultBody, HttpProblem, problemResponses, ref, type TrellisApp, thenOrNow } from '@trellis/service-kit';
import type { FastifyError, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type FlagsService, ofrepProblem } from '../flags-service.js';
import { contentEtag, ifNoneMatchHits } from '../preconditions.js';
import { ENVIRONMENT_PATTERN, OfrepBulkResponse, OfrepConfiguration, OfrepRequest, OfrepSuccess } from '../schemas.js';
import { ENVIRONMENT_HEADER, EnvironmentQuery, environmentOf, type RouteOptions } from './common.js';

const JSON_UTF8 = 'application/json; charset=utf-8';
const failure = (description: string) => Type.Unsafe({ $ref: 'OfrepFailure#', description });

const EnvironmentHeader = Type.Object(
  {
    [ENVIRONMENT_HEADER]: Type.Optional(
      // The same rule environmentOf enforces: documented, and checked before the route runs.
      Type.String({
        pattern: ENVIRONMENT_PATTERN,
        minLength: 1,
        maxLength: 64,
        description: 'The environment to evaluate in (or ?environment=), letters, digits and . _ -, 1..64; default DEFAULT_ENVIRONMENT',
      }),
    ),
  },
  { additionalProperties: true },
);

const PARSE_ERRORS = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/**
 * OFREP errors carry {key, errorCode, errorDetails} (read by OpenFeature's OFREP providers)
 * inside an RFC 9457 problem: the route turns body and schema failures into PARSE_ERROR /
 * INVALID_CONTEXT and leaves rendering to the service-wide handler.
 */
function ofrepErrorHandler(keyOf: (request: FastifyRequest) => string | undefined) {
  return (error: FastifyError, request: FastifyRequest) => {
    const key = keyOf(request);
    // A body nested past service-kit's depth limit is, to an OFREP provider, one it cannot parse.
    if (error instanceof HttpProblem && error.code === 'JSON_TOO_DEEP') throw ofrepProblem(400, key, 'PARSE_ERROR', error.message);
    if (error instanceof HttpProblem) throw error;
    if (error instanceof SyntaxError || (error.code !== undefined && PARSE_ERRORS.has(error.code))) {
      throw ofrepProblem(400, key, 'PARSE_ERROR', `The body is not valid JSON: ${error.message}`);
    }
    if (error.validation) throw ofrepProblem(400, key, 'INVALID_CONTEXT', error.message);
    throw error;
  };
}

function invalidContext(request: FastifyRequest, key: string | undefined): void {
  if (request.validationError) throw ofrepProblem(400, key, 'INVALID_CONTEXT', request.validationError.message);
}

export function ofrepRoutes(app: TrellisApp, flags: FlagsService, options: RouteOptions): void {
  app.post(
    '/ofrep/v1/evaluate/flags/:key',
    {
      config: { scope: 'read', accessLog: 'debug' },
      attachValidation: true,
      errorHandler: ofrepErrorHandler((request) => (request.params as { key?: string }).key),
      schema: {
        operationId: 'ofrepEvaluateFlag',
        tags: ['OFREP'],
        summary: 'OFREP single flag evaluation',
        description:
          'OpenFeature Remote Evaluation Protocol. Errors: 400 INVALID_CONTEXT / PARSE_ERROR, 404 FLAG_NOT_FOUND, as problem+json bodies that also carry the OFREP fields key, errorCode and errorDetails.',
        params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        querystring: EnvironmentQuery,
        headers: EnvironmentHeader,
        body: ref(OfrepRequest),
        response: {
          200: ref(OfrepSuccess),
          400: failure('INVALID_CONTEXT or PARSE_ERROR'),
          404: failure('FLAG_NOT_FOUND'),
          ...problemResponses(401, 403),
        },
      },
      preValidation: defaultBody(() => ({})),
    },
    // Not async: with the snapshot in memory the answer is sent here and now, without a promise.
    // It is JSON text already (see OfrepJson): sent as it is, not through the schema's serializer.
    (request, reply) => {
      const key = request.params.key;
      invalidContext(request, key);
      const send = (json: string): void => void reply.type(JSON_UTF8).send(json);
      return thenOrNow(flags.ofrepEvaluate(environmentOf(request, options), key, request.body.context), send);
    },
  );

  app.post(
    '/ofrep/v1/evaluate/flags',
    {
      config: { scope: 'read', accessLog: 'debug' },
      attachValidation: true,
      errorHandler: ofrepErrorHandler(() => undefined),
      schema: {
        operationId: 'ofrepEvaluateFlags',
        tags: ['OFREP'],
        summary: 'OFREP bulk evaluation of every flag of the environment',
        description: 'ETag is a hash of the answer: If-None-Match with it answers 304 while nothing changed for this context.',
        querystring: EnvironmentQuery,
        headers: Type.Object(
          {
            ...EnvironmentHeader.properties,
            'if-none-match': Type.Optional(Type.String({ maxLength: 1_024 })),
          },
          { additionalProperties: true },
        ),
        body: ref(OfrepRequest),
        response: {
          200: ref(OfrepBulkResponse),
          304: Type.Null({ description: 'Not modified' }),
          400: failure('INVALID_CONTEXT or PARSE_ERROR'),
          ...problemResponses(401, 403),
        },
      },
      preValidation: defaultBody(() => ({})),
    },
    (request, reply) => {
      invalidContext(request, undefined);
      const answer = (json: string): void => {
        const etag = contentEtag(json);
        reply.header('etag', etag).header('cache-control', 'no-cache');
        if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
          reply.code(304).send(null);
          return;
        }
        // JSON text already (see OfrepJson), hashed for the ETag: send those bytes.
        reply.type(JSON_UTF8).send(json);
      };
      // Sent here and now when the snapshot is in memory; otherwise once it is loaded.
      return thenOrNow(flags.ofrepBulk(environmentOf(request, options), request.body.context), answer);
    },
  );

  const configuration = {
    name: 'Trellis flags-svc',
    capabilities: {
      cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1_000 } },
      flagEvaluation: { supportedTypes: ['boolean', 'string', 'int', 'float', 'object'] },
    },
  };
  const configurationEtag = contentEtag(JSON.stringify(configuration));
  app.get(
    '/ofrep/v1/configuration',
    {
      schema: {
        operationId: 'ofrepConfiguration',
        tags: ['OFREP'],
        summary: 'OFREP provider configuration',
        response: { 200: ref(OfrepConfiguration), 304: Type.Null({ description: 'Not modified' }), ...problemResponses() },
      },
    },
    async (request, reply) => {
      reply.header('etag', configurationEtag);
      if (ifNoneMatchHits(request.headers['if-none-match'], configurationEtag)) {
        reply.code(304);
        return null;
      }
      return configuration;
    },
  );
}

