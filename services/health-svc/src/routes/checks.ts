import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { type HealthService, settingsETag } from '../health-service.js';
import { CheckSettings, CheckSettingsInput, InstanceHealth, TtlUpdate } from '../schemas.js';
import { InstanceParams, ServiceParams } from './params.js';

export function checkRoutes(app: TrellisApp, health: HealthService): void {
  app.get(
    '/v1/health/services/:service/check',
    {
      schema: {
        operationId: 'getCheckSettings',
        tags: ['checks'],
        summary: "A service's check settings (the deployment defaults until set)",
        params: ServiceParams,
        response: { 200: ref(CheckSettings), ...problemResponses() },
      },
    },
    async (request, reply) => {
      const settings = await health.getSettings(request.params.service);
      reply.header('etag', settingsETag(settings));
      return settings;
    },
  );

  app.put(
    '/v1/health/services/:service/check',
    {
      schema: {
        operationId: 'putCheckSettings',
        tags: ['checks'],
        summary: "Replace a service's check settings",
        description:
          'Fields left out take the deployment defaults. Every instance of the service is checked with these from its next interval. `If-Match` (the ETag of GET) makes the change conditional: 412 when someone changed them since. Watchers get a `check` event.',
        params: ServiceParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 64 })) }),
        body: ref(CheckSettingsInput),
        response: { 200: ref(CheckSettings), ...problemResponses(412) },
      },
    },
    async (request, reply) => {
      const settings = await health.putSettings(request.params.service, request.body, request.headers['if-match']);
      reply.header('etag', settingsETag(settings));
      return settings;
    },
  );

  app.put(
    '/v1/checks/:service/:instanceId/ttl',
    {
      schema: {
        operationId: 'updateTtlCheck',
        tags: ['checks'],
        summary: 'An instance reports its own health (ttl checks)',
        description:
          'For services whose check type is `ttl`: each update counts as one check result (pass -> passing, warn -> warning, fail -> critical, through the same thresholds). An instance that sends none for intervalMs gets a critical result every interval. 409 when the service is checked another way; 404 when health-svc does not track the instance.',
        params: InstanceParams,
        body: ref(TtlUpdate),
        response: { 200: ref(InstanceHealth), ...problemResponses(404, 409) },
      },
    },
    async (request) => health.pushTtl(request.params.service, request.params.instanceId, request.body),
  );
}
