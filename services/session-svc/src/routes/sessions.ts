import { defaultBody, HttpProblem, problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { parseIfMatch } from '../etag.js';
import { CreateSession, ReservedSessionIds, Session, SessionData, SessionIdParam } from '../schemas.js';
import type { SessionResult, SessionService } from '../session-service.js';

export const MERGE_PATCH = 'application/merge-patch+json';

const SessionParams = Type.Object({ sessionId: SessionIdParam }, { additionalProperties: false });
const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 1_024, description: 'Strong entity tag(s) "<version>", or *' })),
});

/** Session responses carry their version as ETag and must never sit in a shared cache. */
function sendSession(reply: FastifyReply, result: SessionResult) {
  reply.header('etag', result.etag).header('cache-control', 'no-store');
  return result.session;
}

export function sessionRoutes(app: TrellisApp, sessions: SessionService): void {
  app.post(
    '/v1/sessions',
    {
      schema: {
        operationId: 'createSession',
        tags: ['sessions'],
        summary: 'Create a session with a fresh server-issued id',
        description:
          'The id has 264 bits from a CSPRNG (base64url). Without TTLs the deployment defaults apply (idle 30 min, absolute 12 h). With SESSION_MAX_PER_USER set, the oldest session of the user is evicted, or this one refused (409), per SESSION_MAX_PER_USER_POLICY.',
        body: ref(CreateSession),
        response: { 201: ref(Session), ...problemResponses(409, 413) },
      },
    },
    async (request, reply) => {
      const result = await sessions.create(request.body);
      reply.code(201);
      return sendSession(reply, result);
    },
  );

  app.post(
    '/v1/session-ids',
    {
      schema: {
        operationId: 'reserveSessionIds',
        tags: ['sessions'],
        summary: 'Issue ids ahead of their sessions',
        description:
          'For session stores that must name a session before they save it (express-session calls genid synchronously). Each id can create one session (POST /v1/sessions with sessionId) until expiresAt; no other client-chosen id is ever accepted.',
        body: Type.Object({ count: Type.Integer({ minimum: 1, maximum: 100, default: 1 }) }, { additionalProperties: false }),
        response: { 201: ref(ReservedSessionIds), ...problemResponses() },
      },
      preValidation: defaultBody(() => ({})),
    },
    async (request, reply) => {
      reply.code(201).header('cache-control', 'no-store');
      return sessions.reserveIds(request.body.count);
    },
  );

  app.get(
    '/v1/sessions/:sessionId',
    {
      // Read on every request of the application that owns the session, so an info line per
      // read would multiply the platform's log volume. Reads that find the session log at
      // debug; a 404 (unknown, expired or forged id: what OWASP asks to log) still logs at info,
      // and every write to a session (create, patch, rotate, delete) too.
      config: { accessLog: 'debug' },
      schema: {
        operationId: 'getSession',
        tags: ['sessions'],
        summary: 'Read a session, sliding its idle expiry',
        description:
          'Slides the idle expiry (never past the absolute one) unless touch=false; a session read again within SESSION_TOUCH_INTERVAL_MS (1 s by default) of its last recorded access is not written again, so lastAccessedAt and idleExpiresAt move at most once per interval. Unknown, expired, deleted, rotated-past-grace and malformed ids are all 404.',
        params: SessionParams,
        querystring: Type.Object(
          { touch: Type.Boolean({ default: true, description: 'false reads without counting as activity' }) },
          { additionalProperties: false },
        ),
        response: { 200: ref(Session), ...problemResponses(404) },
      },
    },
    async (request, reply) => sendSession(reply, await sessions.get(request.params.sessionId, request.query.touch)),
  );

  app.patch(
    '/v1/sessions/:sessionId',
    {
      schema: {
        operationId: 'patchSession',
        tags: ['sessions'],
        summary: 'Change session data with a JSON Merge Patch (application/merge-patch+json)',
        description:
          'RFC 7396 on `data`: null removes a field, objects merge, anything else replaces. Each top-level field is stored on its own, so concurrent patches of different fields all survive. If-Match: "<version>" makes it conditional (412 with currentETag on mismatch). Counts as activity.',
        params: SessionParams,
        headers: IfMatchHeaders,
        consumes: [MERGE_PATCH],
        body: ref(SessionData),
        response: { 200: ref(Session), ...problemResponses(404, 412, 413, 415) },
      },
      preValidation: async (request) => {
        if (!request.headers['content-type']?.toLowerCase().startsWith(MERGE_PATCH)) {
          throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `PATCH takes ${MERGE_PATCH}`, { headers: { 'accept-patch': MERGE_PATCH } });
        }
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return sendSession(reply, await sessions.patch(request.params.sessionId, request.body, ifMatch));
    },
  );

  app.put(
    '/v1/sessions/:sessionId/data',
    {
      schema: {
        operationId: 'replaceSessionData',
        tags: ['sessions'],
        summary: 'Replace all of a session’s data',
        description: 'For stores that write whole sessions (express-session). Prefer PATCH, which never overwrites fields it does not name.',
        params: SessionParams,
        headers: IfMatchHeaders,
        body: ref(SessionData),
        response: { 200: ref(Session), ...problemResponses(404, 412, 413) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return sendSession(reply, await sessions.replaceData(request.params.sessionId, request.body, ifMatch));
    },
  );

  app.post(
    '/v1/sessions/:sessionId/rotate',
    {
      schema: {
        operationId: 'rotateSession',
        tags: ['sessions'],
        summary: 'Give the session a new id (on login or any privilege change)',
        description:
          'Same data, new id. The old id keeps working for graceSeconds (default SESSION_ROTATION_GRACE_SECONDS, 10 s) so requests in flight succeed, then dies. A rotated-away id cannot rotate again (409) and never learns the new id.',
        params: SessionParams,
        body: Type.Object(
          { graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 300, description: 'How long the old id keeps working' })) },
          { additionalProperties: false },
        ),
        response: { 200: ref(Session), ...problemResponses(404, 409) },
      },
      preValidation: defaultBody(() => ({})),
    },
    async (request, reply) => sendSession(reply, await sessions.rotate(request.params.sessionId, request.body.graceSeconds)),
  );

  app.delete(
    '/v1/sessions/:sessionId',
    {
      schema: {
        operationId: 'deleteSession',
        tags: ['sessions'],
        summary: 'End a session now (logout)',
        params: SessionParams,
        response: { 204: Type.Null({ description: 'Ended' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await sessions.delete(request.params.sessionId);
      reply.code(204);
      return null;
    },
  );
}
