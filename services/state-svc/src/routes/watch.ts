import { problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DocumentKey, Namespace, type StateEventPage } from '../schemas.js';
import { type StateService, toPublicEvent } from '../state-service.js';

const WatchQuery = Type.Object(
  {
    afterRevision: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the events after this revision' }),
    ),
    // No schema default: generated clients would then demand the parameter (see README).
    timeoutSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 60, description: 'Long-poll: how long to wait for an event (default 30)' }),
    ),
    fromRevision: Type.Optional(
      Type.Integer({ minimum: 0, description: 'SSE: start after this revision (Last-Event-ID takes precedence)' }),
    ),
  },
  { additionalProperties: false },
);

const watchResponses = {
  200: {
    description:
      'Without afterRevision: text/event-stream, one event per change, `id:` = namespace revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON StateEventPage.',
    content: {
      'application/json': { schema: Type.Unsafe<StateEventPage>({ $ref: 'StateEventPage#' }) },
      'text/event-stream': { schema: Type.String() },
    },
  },
  ...problemResponses(),
};

export function watchRoutes(app: TrellisApp, state: StateService): void {
  const watch = async (namespace: string, key: string | undefined, request: FastifyRequest, reply: FastifyReply) => {
    const { afterRevision, timeoutSeconds, fromRevision } = request.query as {
      afterRevision?: number;
      timeoutSeconds?: number;
      fromRevision?: number;
    };
    if (afterRevision !== undefined) {
      reply.type('application/json');
      return state.waitForEvents(namespace, key, afterRevision, (timeoutSeconds ?? 30) * 1_000);
    }
    streamChanges(request, reply, {
      changeLog: state.changeLog,
      scope: state.store.scope(namespace),
      fromRevision,
      filter: state.eventFilter(key),
      map: toPublicEvent,
    });
    return reply;
  };

  app.get(
    '/v1/watch/:namespace',
    {
      schema: {
        operationId: 'watchNamespace',
        tags: ['watch'],
        summary: 'Watch every document of a namespace: Server-Sent Events, or a long-poll with afterRevision',
        params: Type.Object({ namespace: Namespace }, { additionalProperties: false }),
        querystring: WatchQuery,
        response: watchResponses,
      },
    },
    (request, reply) => watch(request.params.namespace, undefined, request, reply),
  );

  app.get(
    '/v1/watch/:namespace/:key',
    {
      schema: {
        operationId: 'watchDocument',
        tags: ['watch'],
        summary: 'Watch one document: Server-Sent Events, or a long-poll with afterRevision',
        params: Type.Object({ namespace: Namespace, key: DocumentKey }, { additionalProperties: false }),
        querystring: WatchQuery,
        response: watchResponses,
      },
    },
    (request, reply) => watch(request.params.namespace, request.params.key, request, reply),
  );
}
