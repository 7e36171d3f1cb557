import { problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { toPublicEvent } from '../health-model.js';
import type { HealthService } from '../health-service.js';
import type { HealthEventPage } from '../schemas.js';
import { ServiceParams } from './params.js';

export function watchRoutes(app: TrellisApp, health: HealthService): void {
  app.get(
    '/v1/health/services/:service/watch',
    {
      schema: {
        operationId: 'watchServiceHealth',
        tags: ['watch'],
        summary: "Watch a service's health: Server-Sent Events, or a long-poll with afterRevision",
        description:
          'Only changes are events: an instance appearing or its status, flapping or maintenance changing (`status`), an instance leaving (`removed`), the check settings changing (`check`). A check that only changes the output or the streak wakes no one.',
        params: ServiceParams,
        querystring: Type.Object(
          {
            afterRevision: Type.Optional(
              Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the events after this revision' }),
            ),
            timeoutSeconds: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 60, default: 30, description: 'Long-poll: how long to wait for an event' }),
            ),
            fromRevision: Type.Optional(
              Type.Integer({ minimum: 0, description: 'SSE: start after this revision (Last-Event-ID takes precedence)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description:
              'Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON HealthEventPage.',
            content: {
              'application/json': { schema: Type.Unsafe<HealthEventPage>({ $ref: 'HealthEventPage#' }) },
              'text/event-stream': { schema: Type.String() },
            },
          },
          ...problemResponses(),
        },
      },
    },
    async (request, reply) => {
      const { service } = request.params;
      const { afterRevision, timeoutSeconds, fromRevision } = request.query;
      if (afterRevision !== undefined) {
        reply.type('application/json');
        return health.waitForEvents(service, afterRevision, (timeoutSeconds ?? 30) * 1_000);
      }
      streamChanges(request, reply, {
        changeLog: health.changeLog,
        scope: health.store.scope(service),
        fromRevision,
        map: toPublicEvent,
      });
      return reply;
    },
  );
}
