import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { isRedisUnavailable, RedisUnavailableError } from '@trellis/redis-core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, PROBLEM_CONTENT_TYPE, type Problem, statusTitle } from './problem.js';

const PROBLEM_BASE = 'https://trellis.dev/problems/';

function problemBody(
  status: number,
  code: string,
  detail: string,
  instance: string | undefined,
  requestId: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: statusTitle(status),
    status,
    detail,
    ...(instance === undefined ? {} : { instance }),
    code,
    requestId,
    ...extensions,
  };
}

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return reply.send(replyWithProblem(request, reply, { status, code, detail, extensions }));
}

/** The router's own errors, met before any route or hook runs: its statuses, as problem+json. */
const FRAMEWORK_ERRORS: Record<string, [number, string]> = {
  FST_ERR_BAD_URL: [400, 'INVALID_URL'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG'],
};

/**
 * Fastify's `frameworkErrors`: a path that is not valid percent-encoding, or a path parameter
 * longer than the router takes, answered like every other error (Fastify's own answer is plain
 * JSON in another shape).
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known) {
    sendProblem(request, reply, known[0], known[1], error.message);
    return;
  }
  request.log.error({ err: error }, 'router error');
  sendProblem(request, reply, 500, 'INTERNAL', 'An unexpected error occurred; it has been logged');
}

/** Node's HTTP parser errors, by code: what the client sent and the status it deserves. */
function clientErrorStatus(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'HEADERS_TOO_LARGE', 'The request line and headers are larger than the server accepts'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time'];
  return [400, 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1'];
}

/**
 * The server's `clientError` (Fastify's `clientErrorHandler`): a request Node's HTTP parser
 * refused (headers too large, malformed) never reaches Fastify. It still gets a problem+json
 * answer, written on the raw socket, which is then closed: the connection's framing is lost.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = clientErrorStatus(error.code);
  this.log.debug({ err: error }, 'client error');
  // As Node does: never write into a response that has already started on this connection.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify(problemBody(status, code, detail, undefined, randomUUID()));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? statusTitle(status)}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
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

/** A problem to answer directly: HttpProblem's members, without the Error. */
export interface ProblemAnswer {
  status: number;
  code: string;
  detail: string;
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

/**
 * Answers `problem` as problem+json without going through the error path: for expected,
 * frequent refusals on a hot path (a rate limiter's 429), where building an Error and unwinding
 * it through Fastify costs more than the rest of the request. The body is the error handler's.
 */
export function replyWithProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemAnswer): Problem {
  if (problem.headers) reply.headers(problem.headers);
  reply.code(problem.status).type(PROBLEM_CONTENT_TYPE);
  return problemBody(problem.status, problem.code, problem.detail, request.url.split('?')[0] ?? request.url, String(request.id), problem.extensions);
}

/**
 * Every error becomes RFC 9457 problem+json. Only a bug in Trellis is a 500; anything the
 * client sent is a 4xx, and Redis being away is a 503 with Retry-After.
 */
export function registerErrorHandling(app: FastifyInstance, onRedisError: () => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      const { status, code, message: detail, headers, extensions } = error;
      return reply.send(replyWithProblem(request, reply, { status, code, detail, headers, extensions }));
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
