import { problemResponses, streamChanges, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { type EventPage, UserId } from '../schemas.js';
import { type SessionService, toPublicEvent } from '../session-service.js';

export function watchRoutes(app: TrellisApp, sessions: SessionService): void {
  app.get(
    '/v1/watch',
    {
      schema: {
        operationId: 'watchSessions',
        tags: ['watch'],
        summary: 'Session events (created, rotated, deleted, expired): Server-Sent Events, or a long-poll with afterRevision',
        description:
          'Events name sessions by sessionRef, never by id. `id:` is the revision; resume with Last-Event-ID. A `compacted` event means history was trimmed: re-list, then watch from the revision it carries.',
        querystring: Type.Object(
          {
            userId: Type.Optional(UserId),
            afterRevision: Type.Optional(
              Type.Integer({ minimum: 0, description: 'Long-poll: answer JSON with the events after this revision' }),
            ),
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
              'Without afterRevision: text/event-stream, one event per change, `id:` = revision. With afterRevision: a JSON EventPage.',
            content: {
              'application/json': { schema: Type.Unsafe<EventPage>({ $ref: 'EventPage#' }) },
              'text/event-stream': { schema: Type.String() },
            },
          },
          ...problemResponses(),
        },
      },
    },
    async (request, reply) => {
      const { userId, afterRevision, timeoutSeconds, fromRevision } = request.query;
      if (afterRevision !== undefined) {
        reply.type('application/json');
        return sessions.waitForEvents(userId, afterRevision, timeoutSeconds * 1_000);
      }
      streamChanges(request, reply, {
        changeLog: sessions.changeLog,
        scope: sessions.store.scope,
        fromRevision,
        filter: sessions.eventFilter(userId),
        map: toPublicEvent,
      });
      return reply;
    },
  );
}
