import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { HealthService } from '../health-service.js';
import { InstanceHealth, MaintenanceRequest, ServiceHealth } from '../schemas.js';
import { InstanceParams, ServiceParams } from './params.js';

const serviceHealthContent = { 'application/json': { schema: ref(ServiceHealth) } };

export function healthRoutes(app: TrellisApp, health: HealthService): void {
  app.get(
    '/v1/health/services/:service',
    {
      schema: {
        operationId: 'getServiceHealth',
        tags: ['health'],
        summary: 'Health of every instance of a service; the status code is the overall status',
        description: [
          'Lists every instance health-svc tracks for the service (those registry-svc lists), with its status.',
          '`?passing` (or `?passing=true`) keeps only instances whose status is `passing`, as Consul does: warning, critical and maintenance ones are left out.',
          'The status code is the worst status among the instances returned, as Consul answers it: 200 passing, 429 warning, 503 critical or maintenance, and 503 when none is returned. The body is the same ServiceHealth document for all three.',
          'A 503 with `application/problem+json` instead means Redis is unavailable.',
          'Blocking query: with `afterRevision=N` the answer waits (up to `timeoutSeconds`) until the service health revision moves past N.',
        ].join('\n\n'),
        params: ServiceParams,
        querystring: Type.Object(
          {
            passing: Type.Optional(Type.Boolean({ default: false, description: 'Only passing instances (`?passing` alone means true)' })),
            afterRevision: Type.Optional(Type.Integer({ minimum: 0, description: 'Blocking query: answer once the revision is past this' })),
            timeoutSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 60, default: 30, description: 'Blocking query: longest wait' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: { description: 'Every instance returned is passing', content: serviceHealthContent },
          429: { description: 'The worst instance returned is warning', content: serviceHealthContent },
          ...problemResponses(),
          503: {
            description: 'The worst instance returned is critical or in maintenance, or none is returned (application/json); or Redis is unavailable (application/problem+json)',
            content: {
              ...serviceHealthContent,
              'application/problem+json': { schema: Type.Unsafe({ $ref: 'Problem#' }) },
            },
          },
        },
      },
      // Consul's `?passing` carries no value.
      preValidation: async (request) => {
        const query = request.query as Record<string, unknown>;
        if (query.passing === '') query.passing = 'true';
      },
    },
    async (request, reply) => {
      const { passing, afterRevision, timeoutSeconds } = request.query;
      const { code, body } = await health.serviceHealth(request.params.service, {
        passing,
        afterRevision,
        timeoutMs: (timeoutSeconds ?? 30) * 1_000,
      });
      reply.code(code).type('application/json').header('x-trellis-health-revision', String(body.revision));
      return body;
    },
  );

  app.get(
    '/v1/health/services/:service/instances/:instanceId',
    {
      schema: {
        operationId: 'getInstanceHealth',
        tags: ['health'],
        summary: 'Health of one instance',
        description:
          'Instance ids are unique only within a service (as in registry-svc), so the path names both. 404 until health-svc tracks the instance (it does as soon as the registry lists it) and after it left the registry.',
        params: InstanceParams,
        response: { 200: ref(InstanceHealth), ...problemResponses(404) },
      },
    },
    async (request) => health.instanceHealth(request.params.service, request.params.instanceId),
  );

  app.put(
    '/v1/health/services/:service/instances/:instanceId/maintenance',
    {
      schema: {
        operationId: 'setInstanceMaintenance',
        tags: ['health'],
        summary: 'Put an instance into maintenance, or take it out',
        description:
          'While on, the instance status is `maintenance` (never passing) whatever its checks say; checks go on, so taking it out restores what they say at once. Turning it on or off is a status change (watchers hear it); a new reason alone is not.',
        params: InstanceParams,
        body: ref(MaintenanceRequest),
        response: { 200: ref(InstanceHealth), ...problemResponses(404) },
      },
    },
    async (request) => {
      const { enabled, reason } = request.body;
      return health.setMaintenance(request.params.service, request.params.instanceId, enabled, reason ?? '');
    },
  );
}
