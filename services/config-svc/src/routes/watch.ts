import { problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { type ConfigService, toPublicEvent } from '../config-service.js';
import { type ConfigEventPage, KeyPrefix } from '../schemas.js';
import { NamespaceParams } from './common.js';

export function watchRoutes(app: TrellisApp, config: ConfigService): void {
  app.get(
    '/v1/config/:namespace/_watch',
    {
      schema: {
        operationId: 'watchConfig',
        tags: ['watch'],
        summary: 'Watch a namespace (optionally a key prefix): Server-Sent Events, or a long-poll with afterRevision',
        description:
          'SSE: one event per change, `id:` = revision, in order; reconnect with Last-Event-ID (or fromRevision) to get every change after it exactly once. When those changes were trimmed from the log, one `compacted` event ends the stream: re-read the snapshot, then watch from its revision. Long-poll: with afterRevision, a JSON page of the changes after it, waiting up to timeoutSeconds for the first.',
        params: NamespaceParams,
        querystring: Type.Object(
          {
            prefix: Type.Optional(KeyPrefix),
            afterRevision: Type.Optional(Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the changes after this revision' })),
            timeoutSeconds: Type.Integer({ minimum: 0, maximum: 60, default: 30, description: 'Long-poll: how long to wait for a change' }),
            fromRevision: Type.Optional(Type.Integer({ minimum: 0, description: 'SSE: start after this revision (Last-Event-ID takes precedence)' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description:
              'Without afterRevision: text/event-stream of ConfigEvent (event: put | delete | schema-put | schema-delete | compacted). With afterRevision: a ConfigEventPage.',
            content: {
              'application/json': { schema: Type.Unsafe<ConfigEventPage>({ $ref: 'ConfigEventPage#' }) },
              'text/event-stream': { schema: Type.String() },
            },
          },
          ...problemResponses(),
        },
      },
    },
    async (request, reply) => {
      const { namespace } = request.params;
      const { prefix, afterRevision, timeoutSeconds, fromRevision } = request.query;
      if (afterRevision !== undefined) {
        reply.type('application/json');
        return config.waitForEvents(namespace, prefix, afterRevision, timeoutSeconds * 1_000);
      }
      streamChanges(request, reply, {
        changeLog: config.changeLog,
        scope: config.store.scope(namespace),
        fromRevision,
        filter: config.eventFilter(prefix),
        map: toPublicEvent(namespace),
      });
      return reply;
    },
  );
}
