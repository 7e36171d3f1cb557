import { clientGoneSignal, problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type RegistryService, toPublicEvent } from '../registry-service.js';
import { type EventPage, ServiceName } from '../schemas.js';

const WatchQuery = Type.Object(
  {
    afterRevision: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the events after this revision' }),
    ),
    timeoutSeconds: Type.Integer({ minimum: 0, maximum: 60, default: 30, description: 'Long-poll: how long to wait for an event' }),
    fromRevision: Type.Optional(
      Type.Integer({ minimum: 0, description: 'SSE: start after this revision (Last-Event-ID takes precedence)' }),
    ),
  },
  { additionalProperties: false },
);

const watchResponses = {
  200: {
    description:
      'Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON EventPage.',
    content: {
      'application/json': { schema: Type.Unsafe<EventPage>({ $ref: 'EventPage#' }) },
      'text/event-stream': { schema: Type.String() },
    },
  },
  ...problemResponses(),
};

export function watchRoutes(app: TrellisApp, registry: RegistryService): void {
  const watch = async (service: string | undefined, request: FastifyRequest, reply: FastifyReply) => {
    const { afterRevision, timeoutSeconds, fromRevision } = request.query as {
      afterRevision?: number;
      timeoutSeconds: number;
      fromRevision?: number;
    };
    if (afterRevision !== undefined) {
      reply.type('application/json');
      return registry.waitForEvents(service, afterRevision, timeoutSeconds * 1_000, clientGoneSignal(reply));
    }
    streamChanges(request, reply, {
      changeLog: registry.changeLog,
      scope: registry.store.scope,
      fromRevision,
      filter: registry.eventFilter(service),
      map: toPublicEvent,
    });
    return reply;
  };

  app.get(
    '/v1/services/:service/watch',
    {
      schema: {
        operationId: 'watchService',
        tags: ['watch'],
        summary: 'Watch one service: Server-Sent Events, or a long-poll with afterRevision',
        params: Type.Object({ service: ServiceName }, { additionalProperties: false }),
        querystring: WatchQuery,
        response: watchResponses,
      },
    },
    (request, reply) => watch(request.params.service, request, reply),
  );

  app.get(
    '/v1/watch',
    {
      schema: {
        operationId: 'watchRegistry',
        tags: ['watch'],
        summary: 'Watch every service: Server-Sent Events, or a long-poll with afterRevision',
        querystring: WatchQuery,
        response: watchResponses,
      },
    },
    (request, reply) => watch(undefined, request, reply),
  );
}
