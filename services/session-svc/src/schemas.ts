import { Nullable, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

const YEAR_SECONDS = 365 * 86_400;

/**
 * Path and query ids are only bounded here: anything not shaped like an id session-svc issues is
 * answered 404 (never 400), so a probe learns nothing about the format from the status.
 */
export const SessionIdParam = Type.String({ minLength: 1, maxLength: 512, description: 'A session id issued by session-svc' });

export const SESSION_ID_PATTERN = '^[A-Za-z0-9_-]{44}$';

export const UserId = Type.String({
  minLength: 1,
  maxLength: 256,
  pattern: '^[\\x21-\\x7E]+$',
  description: 'Printable ASCII without spaces, 1..256',
});

export const SessionRef = Type.String({
  pattern: '^[A-Za-z0-9_-]{22}$',
  description: 'Public handle of a session: stable across rotations, never usable as (or turned back into) its id',
});

export const SessionData = Type.Record(Type.String(), Type.Unknown(), {
  $id: 'SessionData',
  maxProperties: 1_024,
  propertyNames: { minLength: 1, maxLength: 128 },
  description:
    'Arbitrary JSON object. Top-level fields are stored separately, so writers of different fields never overwrite each other. Size and field count are bounded by the deployment (SESSION_MAX_DATA_BYTES, SESSION_MAX_DATA_FIELDS).',
});
export type SessionData = Record<string, unknown>;

const TtlSeconds = (what: string) =>
  Type.Integer({
    minimum: 1,
    maximum: YEAR_SECONDS,
    description: `${what}, in seconds; the deployment's SESSION_MIN_TTL_SECONDS..SESSION_MAX_TTL_SECONDS applies`,
  });

export const ClientInfoInput = Type.Object(
  {
    ip: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Fa-f.:]+$', description: 'IPv4 or IPv6 address' })),
    userAgent: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const CreateSession = Type.Object(
  {
    userId: Type.Optional(UserId),
    data: Type.Optional(Type.Unsafe<SessionData>({ $ref: 'SessionData#' })),
    idleTtlSeconds: Type.Optional(TtlSeconds('Idle timeout: the session ends after this long without use')),
    absoluteTtlSeconds: Type.Optional(TtlSeconds('Absolute timeout: the session ends this long after creation, however busy')),
    clientInfo: Type.Optional(ClientInfoInput),
    sessionId: Type.Optional(
      Type.String({
        pattern: SESSION_ID_PATTERN,
        description: 'An id reserved earlier with POST /v1/session-ids (for stores that must know the id first); never any other',
      }),
    ),
  },
  {
    $id: 'CreateSession',
    additionalProperties: false,
    description: 'Without userId the session is anonymous: it is in no user index and counts towards no limit.',
  },
);
export type CreateSession = Static<typeof CreateSession>;

const Time = Type.String({ format: 'date-time' });

export const ClientInfo = Type.Object(
  { ip: Nullable(Type.String()), userAgent: Nullable(Type.String()) },
  { additionalProperties: false },
);

const sessionTimes = {
  createdAt: Time,
  lastAccessedAt: Time,
  idleExpiresAt: Type.String({ format: 'date-time', description: 'Slides with every use, never past absoluteExpiresAt' }),
  absoluteExpiresAt: Time,
};

export const Session = Type.Object(
  {
    sessionId: Type.String({ description: 'The id this request used' }),
    sessionRef: SessionRef,
    userId: Nullable(Type.String()),
    data: Type.Unsafe<SessionData>({ $ref: 'SessionData#' }),
    version: Type.Integer({ minimum: 1, description: 'Increases with every data change; the ETag is "<version>"' }),
    ...sessionTimes,
    idleTtlSeconds: Type.Integer(),
    clientInfo: ClientInfo,
    idValidUntil: Nullable(Type.String({ format: 'date-time' }), {
      description: 'null for the current id; for an id rotated away, when its grace period ends',
    }),
    previousIdValidUntil: Type.Optional(
      Nullable(Type.String({ format: 'date-time' }), {
        description: 'Rotation only: until when the old id still works (null: it already stopped)',
      }),
    ),
  },
  { $id: 'Session', additionalProperties: false },
);
export type Session = Static<typeof Session>;

export const SessionSummary = Type.Object(
  {
    sessionRef: SessionRef,
    userId: Nullable(Type.String()),
    ...sessionTimes,
    clientInfo: ClientInfo,
  },
  { $id: 'SessionSummary', additionalProperties: false },
);
export type SessionSummary = Static<typeof SessionSummary>;

export const SessionPage = Type.Object(
  {
    sessions: Type.Array(Type.Unsafe<SessionSummary>({ $ref: 'SessionSummary#' })),
    nextCursor: Nullable(Type.String(), { description: 'Pass as cursor for the next page; null at the end' }),
  },
  { $id: 'SessionPage', additionalProperties: false },
);
export type SessionPage = Static<typeof SessionPage>;

export const InvalidateResult = Type.Object(
  { deleted: Type.Integer({ minimum: 0, description: 'Sessions this call ended' }) },
  { $id: 'InvalidateResult', additionalProperties: false },
);

export const ReservedSessionIds = Type.Object(
  {
    sessionIds: Type.Array(Type.String()),
    expiresAt: Type.String({ format: 'date-time', description: 'Unclaimed ids stop being accepted at this time' }),
  },
  { $id: 'ReservedSessionIds', additionalProperties: false },
);

export const SessionEventType = StringEnum(['created', 'rotated', 'deleted', 'expired']);
export type SessionEventType = Static<typeof SessionEventType>;

export const SessionEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: SessionEventType,
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object({
      sessionRef: SessionRef,
      userId: Nullable(Type.String()),
      reason: Type.Optional(
        Type.String({ description: 'deleted: logout | invalidated | evicted | revoked | aborted; expired: idle | absolute' }),
      ),
      absoluteExpiresAt: Type.Optional(Type.Integer({ description: 'created: ms since epoch' })),
      previousIdValidUntil: Type.Optional(Type.Integer({ description: 'rotated: ms since epoch the old id stops working (0: at once)' })),
    }),
  },
  { $id: 'SessionEvent', additionalProperties: false },
);
export type SessionEvent = Static<typeof SessionEvent>;

export const EventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-list, then watch from revision' }),
    events: Type.Array(Type.Unsafe<SessionEvent>({ $ref: 'SessionEvent#' })),
  },
  { $id: 'EventPage', additionalProperties: false },
);
export type EventPage = Static<typeof EventPage>;

export const ALL_SCHEMAS = [
  SessionData,
  CreateSession,
  Session,
  SessionSummary,
  SessionPage,
  InvalidateResult,
  ReservedSessionIds,
  SessionEvent,
  EventPage,
];
