import { isRedisUnavailable, RedisUnavailableError } from '@trellis/redis-core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, PROBLEM_CONTENT_TYPE, type Problem, statusTitle } from './problem.js';

const PROBLEM_BASE = 'https://trellis.dev/problems/';

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  const body: Problem = {
    type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: statusTitle(status),
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    code,
    requestId: String(request.id),
    ...extensions,
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeValidation(error: FastifyError): { path: string; message: string }[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return ((error.validation ?? []) as ValidationIssue[]).map((issue) => {
    const extra = issue.params?.additionalProperty ? ` '${String(issue.params.additionalProperty)}'` : '';
    const missing = issue.params?.missingProperty ? `/${String(issue.params.missingProperty)}` : '';
    return {
      path: `${context}${issue.instancePath ?? ''}${missing}`,
      message: `${issue.message ?? 'is invalid'}${extra}`,
    };
  });
}

/** Fastify's own client-error codes and the status each deserves. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_BODY'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_BODY'],
  FST_ERR_CTP_EMPTY_TYPE: [400, 'INVALID_BODY'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'INVALID_BODY'],
};

/**
 * Every error becomes RFC 9457 problem+json. Only a bug in Trellis is a 500; anything the
 * client sent is a 4xx, and Redis being away is a 503 with Retry-After.
 */
export function registerErrorHandling(app: FastifyInstance, onRedisError: () => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return sendProblem(request, reply, error.status, error.code, error.message, error.extensions);
    }
    if (error.validation) {
      const errors = describeValidation(error);
      return sendProblem(request, reply, 400, 'VALIDATION_FAILED', errors.map((e) => `${e.path} ${e.message}`).join('; '), {
        errors,
      });
    }
    if (error instanceof RedisUnavailableError || isRedisUnavailable(error)) {
      onRedisError();
      const retryAfter = error instanceof RedisUnavailableError ? error.retryAfterSeconds : 1;
      request.log.warn({ err: error }, 'redis unavailable');
      reply.header('retry-after', String(retryAfter));
      return sendProblem(request, reply, 503, 'REDIS_UNAVAILABLE', 'The data store is unavailable; retry shortly', {
        retryAfterSeconds: retryAfter,
      });
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return sendProblem(request, reply, known[0], known[1], error.message);
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendProblem(request, reply, 400, 'INVALID_JSON', `The body is not valid JSON: ${error.message}`);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, status, error.code ?? 'BAD_REQUEST', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'INTERNAL', 'An unexpected error occurred; it has been logged');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
