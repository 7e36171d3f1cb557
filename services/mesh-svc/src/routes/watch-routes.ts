import { problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type RouteService, toRouteEvent } from '../route-service.js';
import { type RouteEventPage, RouteSource, ServiceName } from '../schemas.js';

const WatchQuery = Type.Object(
  {
    afterRevision: Type.Optional(Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the events after this revision' })),
    timeoutSeconds: Type.Integer({ minimum: 0, maximum: 60, default: 30, description: 'Long-poll: how long to wait for an event' }),
    fromRevision: Type.Optional(Type.Integer({ minimum: 0, description: 'SSE: start after this revision (Last-Event-ID takes precedence)' })),
  },
  { additionalProperties: false },
);

const watchResponses = {
  200: {
    description:
      'Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-read. With afterRevision: a JSON RouteEventPage.',
    content: {
      'application/json': { schema: Type.Unsafe<RouteEventPage>({ $ref: 'RouteEventPage#' }) },
      'text/event-stream': { schema: Type.String() },
    },
  },
  ...problemResponses(),
};

export function watchRoutes(app: TrellisApp, routes: RouteService): void {
  const watch = async (source: string | undefined, destination: string | undefined, request: FastifyRequest, reply: FastifyReply) => {
    const { afterRevision, timeoutSeconds, fromRevision } = request.query as { afterRevision?: number; timeoutSeconds: number; fromRevision?: number };
    if (afterRevision !== undefined) {
      reply.type('application/json');
      return routes.waitForEvents(source, destination, afterRevision, timeoutSeconds * 1_000);
    }
    streamChanges(request, reply, {
      changeLog: routes.changeLog,
      scope: routes.store.scope,
      fromRevision,
      filter: routes.eventFilter(source, destination),
      map: toRouteEvent,
    });
    return reply;
  };

  app.get(
    '/v1/routes/:source/:destination/watch',
    {
      schema: {
        operationId: 'watchRoute',
        tags: ['watch'],
        summary: 'Watch what can change the route a source uses for a destination (its own route and the `*` one)',
        params: Type.Object({ source: RouteSource, destination: ServiceName }, { additionalProperties: false }),
        querystring: WatchQuery,
        response: watchResponses,
      },
    },
    (request, reply) => watch(request.params.source, request.params.destination, request, reply),
  );

  app.get(
    '/v1/routes/watch',
    {
      schema: {
        operationId: 'watchRoutes',
        tags: ['watch'],
        summary: 'Watch every route change: Server-Sent Events, or a long-poll with afterRevision',
        querystring: WatchQuery,
        response: watchResponses,
      },
    },
    (request, reply) => watch(undefined, undefined, request, reply),
  );
}
