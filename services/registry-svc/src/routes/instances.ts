import { negotiate } from '@fastify/accept-negotiator';
import { defaultBody, prefersMinimalReturn, problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { PreparedAnswer } from '../discovery-cache.js';
import type { RegistryService } from '../registry-service.js';
import { Instance, InstanceId, InstanceList, InstanceStatus, Registration, ServiceName, ServiceSummaryList } from '../schemas.js';

const InstanceParams = Type.Object({ service: ServiceName, instanceId: InstanceId }, { additionalProperties: false });
const ServiceParams = Type.Object({ service: ServiceName }, { additionalProperties: false });

export function instanceRoutes(app: TrellisApp, registry: RegistryService): void {
  app.put(
    '/v1/services/:service/instances/:instanceId',
    {
      schema: {
        operationId: 'registerInstance',
        tags: ['instances'],
        summary: 'Register an instance (idempotent) and start its lease',
        description:
          'Creates or refreshes the registration. A fresh registration gets a new epoch; repeating it while the lease is live keeps the epoch and renews the lease.',
        params: InstanceParams,
        body: ref(Registration),
        response: { 200: ref(Instance), 201: ref(Instance), ...problemResponses() },
      },
    },
    async (request, reply) => {
      const { service, instanceId } = request.params;
      // Validation has filled every default in, so the body is a complete Registration.
      const { created, instance } = await registry.register(service, instanceId, request.body as Registration);
      reply.code(created ? 201 : 200);
      if (created) reply.header('location', `/v1/services/${service}/instances/${encodeURIComponent(instanceId)}`);
      return instance;
    },
  );

  app.put(
    '/v1/services/:service/instances/:instanceId/heartbeat',
    {
      // Every instance renews every few seconds (1,000 instances on 30 s leases: 100 a second),
      // so an info line per renewal would bury everything else the registry logs. Renewals log
      // at debug; their count is in the metrics, status changes are `status` events (watch), and a
      // lapsed lease (404) still logs at info.
      config: { accessLog: 'debug' },
      schema: {
        operationId: 'heartbeatInstance',
        tags: ['instances'],
        summary: 'Renew the lease, optionally changing status',
        description:
          '404 when the lease already lapsed: register again. With `Prefer: return=minimal` (RFC 7240) the answer is 204 without the instance: cheaper for both sides, and all that a caller renewing its own lease needs (service-kit sends it).',
        params: InstanceParams,
        headers: Type.Object({
          prefer: Type.Optional(Type.String({ maxLength: 1_024, description: '`return=minimal`: answer 204 without the instance' })),
        }),
        body: Type.Object({ status: Type.Optional(InstanceStatus) }, { additionalProperties: false }),
        response: {
          200: ref(Instance),
          204: Type.Null({ description: 'Renewed, as asked with Prefer: return=minimal' }),
          ...problemResponses(404),
        },
      },
      // A bare PUT (no body) is the common heartbeat: treat it as {}.
      preValidation: defaultBody(() => ({})),
    },
    async (request, reply) => {
      const { service, instanceId } = request.params;
      if (!prefersMinimalReturn(request.headers.prefer)) return registry.heartbeat(service, instanceId, request.body.status);
      await registry.renew(service, instanceId, request.body.status);
      reply.code(204).header('preference-applied', 'return=minimal');
      return null;
    },
  );

  app.delete(
    '/v1/services/:service/instances/:instanceId',
    {
      schema: {
        operationId: 'deregisterInstance',
        tags: ['instances'],
        summary: 'Deregister an instance now',
        params: InstanceParams,
        response: { 204: Type.Null({ description: 'Deregistered' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await registry.deregister(request.params.service, request.params.instanceId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/v1/services/:service/instances',
    {
      schema: {
        operationId: 'discoverInstances',
        tags: ['discovery'],
        summary: 'Live instances of a service',
        description:
          'One Redis round trip. An instance past its lease deadline is never returned. `revision` is the registry revision the list reflects: watch from it to miss nothing. A heartbeat that only renews a lease does not change the list (it changes no revision either), so each replica keeps answering from memory: in a list, `lastHeartbeatAt` and `leaseExpiresAt` can trail the latest heartbeat, and the lease runs at least until `leaseExpiresAt`. GET the instance itself for its current lease. A large unfiltered list is sent gzipped to a caller that accepts it (`Accept-Encoding: gzip`, which fetch sends by default), compressed once per change.',
        params: ServiceParams,
        querystring: Type.Object(
          {
            status: Type.Optional(InstanceStatus),
            tag: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 16, description: 'Every tag given must be present' })),
            zone: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(InstanceList), ...problemResponses() },
      },
    },
    async (request, reply) => {
      // Content codings are case-insensitive (RFC 9110); the negotiator compares them as given.
      const acceptEncoding = request.headers['accept-encoding']?.toLowerCase();
      const acceptsGzip = acceptEncoding !== undefined && negotiate(acceptEncoding, ['identity', 'gzip']) === 'gzip';
      const answer = await registry.discover(request.params.service, request.query, acceptsGzip);
      if (!(answer instanceof PreparedAnswer)) return answer;
      // Ready JSON goes out as it is: Fastify serialises objects, never Buffers.
      // (The type provider only knows the schema's object shape, hence the plain FastifyReply.)
      const raw = (reply as FastifyReply).type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (answer.gzipped) return raw.header('content-encoding', 'gzip').send(answer.gzipped);
      return raw.send(answer.json);
    },
  );

  app.get(
    '/v1/services/:service/instances/:instanceId',
    {
      schema: {
        operationId: 'getInstance',
        tags: ['discovery'],
        summary: 'One live instance',
        params: InstanceParams,
        response: { 200: ref(Instance), ...problemResponses(404) },
      },
    },
    async (request) => registry.getInstance(request.params.service, request.params.instanceId),
  );

  app.get(
    '/v1/services',
    {
      schema: {
        operationId: 'listServices',
        tags: ['discovery'],
        summary: 'Service names with their live instance counts',
        response: { 200: ref(ServiceSummaryList), ...problemResponses() },
      },
    },
    async () => registry.listServices(),
  );
}
