import type { IncomingHttpHeaders } from 'node:http';
import { problemResponses, type TrellisApp } from '@trellis/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ProxyService } from '../proxy/proxy-service.js';
import { ANONYMOUS_SOURCE, SERVICE_NAME_PATTERN, ServiceName } from '../schemas.js';

/** RFC 9110 §7.6.1: meaningful for one connection only, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

function forwardable(headers: IncomingHttpHeaders, drop: Set<string>): Record<string, string | string[]> {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || drop.has(name) || named.includes(name)) continue;
    result[name] = value;
  }
  return result;
}

const ServiceNameOptions = { pattern: SERVICE_NAME_PATTERN, minLength: 1, maxLength: 63 };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const PREFIX = /^\/v1\/proxy\/[^/?#]+/;

/**
 * `ALL /v1/proxy/{destination}/*`. Registered in its own encapsulated scope whose only body
 * parser keeps any body as raw bytes: the proxy passes bodies on, it never reads them (the rest
 * of mesh-svc keeps service-kit's strict JSON parsing).
 */
export async function proxyRoutes(app: TrellisApp, proxy: ProxyService, bodyLimit: number): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const { destination } = request.params as { destination: string };
      const source = (request.headers['x-trellis-source'] as string | undefined) ?? ANONYMOUS_SOURCE;
      const path = request.raw.url!.replace(PREFIX, '') || '/';
      const headers = forwardable(request.headers, HOP_BY_HOP);
      headers['x-request-id'] = String(request.id);
      headers['x-trellis-source'] = source;
      const forwardedFor = request.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${request.ip}` : request.ip;
      headers['x-forwarded-proto'] ??= request.protocol;
      if (request.headers.host) headers['x-forwarded-host'] ??= request.headers.host;

      const abort = new AbortController();
      // 'close' on the response fires when the caller goes away before we answered.
      const onClose = () => {
        if (!reply.raw.writableEnded) abort.abort(new Error('caller closed the connection'));
      };
      reply.raw.once('close', onClose);
      const answer = await proxy.forward({
        source,
        destination,
        method: request.method,
        path: path.startsWith('/') ? path : `/${path}`,
        headers,
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
        signal: abort.signal,
      });
      reply.code(answer.response.statusCode);
      reply.headers(forwardable(answer.response.headers, new Set([...HOP_BY_HOP].filter((name) => name !== 'content-length'))));
      reply.header('x-request-id', String(request.id));
      reply.header('x-trellis-upstream', answer.instanceId);
      reply.header('x-trellis-attempts', String(answer.attempts));
      return reply.send(answer.response.body);
    };

    for (const method of METHODS) {
      scope.route({
        method,
        url: '/v1/proxy/:destination/*',
        schema: {
          operationId: `proxy${method[0]}${method.slice(1).toLowerCase()}`,
          tags: ['proxy'],
          summary: `${method} through the mesh: forwarded to a healthy instance with the route's policy`,
          description:
            'The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.',
          params: Type.Object({ destination: ServiceName, '*': Type.String({ maxLength: 2_048 }) }),
          headers: Type.Object({
            'x-trellis-source': Type.Optional(Type.String({ ...ServiceNameOptions, description: 'The calling service' })),
          }),
          response: {
            '2xx': Type.Unsafe<unknown>({ description: "The destination's answer, passed through (any status and body)" }),
            ...problemResponses(502, 504),
          },
        },
        handler,
      });
    }
  });
}
