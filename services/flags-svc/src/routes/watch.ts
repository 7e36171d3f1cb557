import { problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { RawFlagEvent } from '../flag-snapshots.js';
import { type FlagsService, toPublicEvent } from '../flags-service.js';
import { EnvironmentName } from '../schemas.js';
import { environmentOf, type RouteOptions } from './common.js';

export function watchRoutes(app: TrellisApp, flags: FlagsService, options: RouteOptions): void {
  app.get(
    '/v1/watch',
    {
      schema: {
        operationId: 'watchFlags',
        tags: ['watch'],
        summary: "Watch an environment's flag changes: Server-Sent Events, or a long-poll with afterRevision",
        description:
          'Events: feature-updated {feature, meta}, feature-removed {featureName}, segment-updated {segment, meta}, segment-removed {segmentId}, environment-deleted. SSE `id:` is the revision; reconnect with Last-Event-ID to miss nothing. A `compacted` event (or compacted: true) means: re-read /v1/flags/export, then watch from its meta.revision.',
        querystring: Type.Object(
          {
            environment: Type.Optional(EnvironmentName),
            afterRevision: Type.Optional(Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the events after this revision' })),
            timeoutSeconds: Type.Integer({ minimum: 0, maximum: 60, default: 30, description: 'Long-poll: how long to wait for an event' }),
            fromRevision: Type.Optional(
              Type.Integer({ minimum: 0, description: 'SSE: start after this revision (Last-Event-ID takes precedence)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description:
              'Without afterRevision: text/event-stream, one event per change. With afterRevision: a JSON FlagEventPage.',
            content: {
              'application/json': { schema: Type.Unsafe({ $ref: 'FlagEventPage#' }) },
              'text/event-stream': { schema: Type.String() },
            },
          },
          ...problemResponses(),
        },
      },
    },
    async (request, reply) => {
      const env = environmentOf(request, options);
      const { afterRevision, timeoutSeconds, fromRevision } = request.query;
      if (afterRevision !== undefined) {
        reply.type('application/json');
        return flags.waitForEvents(env, afterRevision, timeoutSeconds * 1_000);
      }
      streamChanges<RawFlagEvent>(request, reply, {
        changeLog: flags.changeLog,
        scope: flags.store.scope(env),
        fromRevision,
        map: toPublicEvent,
      });
      return reply;
    },
  );
}
