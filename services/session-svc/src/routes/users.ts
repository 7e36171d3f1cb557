import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { InvalidateResult, SessionIdParam, SessionPage, SessionRef, UserId } from '../schemas.js';
import type { SessionService } from '../session-service.js';

const UserParams = Type.Object({ userId: UserId }, { additionalProperties: false });

export function userRoutes(app: TrellisApp, sessions: SessionService): void {
  app.get(
    '/v1/users/:userId/sessions',
    {
      schema: {
        operationId: 'listUserSessions',
        tags: ['users'],
        summary: "A user's live sessions, with client info and times",
        description:
          'Ordered by absolute expiry. Sessions are named by sessionRef, never by id. Pages may hold fewer than `limit` sessions (ended ones are dropped from the index as they are met); follow nextCursor until it is null.',
        params: UserParams,
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(SessionPage), ...problemResponses() },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sessions.listUserSessions(request.params.userId, request.query.cursor, request.query.limit);
    },
  );

  app.delete(
    '/v1/users/:userId/sessions',
    {
      schema: {
        operationId: 'invalidateUserSessions',
        tags: ['users'],
        summary: "End all of a user's sessions, except optionally the caller's own",
        description:
          '`except` keeps one session (with every id it has in its grace period) when it is a live session of this user; an unknown `except` keeps nothing.',
        params: UserParams,
        querystring: Type.Object({ except: Type.Optional(SessionIdParam) }, { additionalProperties: false }),
        response: { 200: ref(InvalidateResult), ...problemResponses() },
      },
    },
    async (request) => ({ deleted: await sessions.invalidateUser(request.params.userId, request.query.except) }),
  );

  app.delete(
    '/v1/users/:userId/sessions/:sessionRef',
    {
      schema: {
        operationId: 'revokeUserSession',
        tags: ['users'],
        summary: 'End one session of a user by its sessionRef (sign out one device)',
        params: Type.Object({ userId: UserId, sessionRef: SessionRef }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: 'Ended' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await sessions.revoke(request.params.userId, request.params.sessionRef);
      reply.code(204);
      return null;
    },
  );
}
