import { Nullable, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

/**
 * Namespaces and keys are restricted to characters that URLs, Redis key segments and shells all
 * leave alone, so a key is stored, listed and addressed under exactly the name the client chose.
 * The first character is alphanumeric, which also rules out the `.` and `..` path segments that
 * HTTP clients would silently resolve away.
 */
export const NAMESPACE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';
export const DOCUMENT_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$';
export const LOCK_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';
export const LOCK_TOKEN_PATTERN = '^[A-Za-z0-9_-]{22}$';
export const ACTOR_PATTERN = '^[\\x21-\\x7E][\\x20-\\x7E]{0,127}$';

export const MAX_DOCUMENT_TTL_MS = 366 * 86_400_000;
export const MAX_LOCK_TTL_MS = 86_400_000;

export const Namespace = Type.String({
  pattern: NAMESPACE_PATTERN,
  minLength: 1,
  maxLength: 128,
  description: 'Letters, digits and . _ - (1..128, starting with a letter or digit)',
});
export const DocumentKey = Type.String({
  pattern: DOCUMENT_KEY_PATTERN,
  minLength: 1,
  maxLength: 255,
  description: 'Letters, digits and . _ : - (1..255, starting with a letter or digit), e.g. order:123',
});
export const LockName = Type.String({
  pattern: LOCK_NAME_PATTERN,
  minLength: 1,
  maxLength: 128,
  description: 'Letters, digits and . _ : - (1..128, starting with a letter or digit)',
});
const LockToken = Type.String({
  pattern: LOCK_TOKEN_PATTERN,
  minLength: 22,
  maxLength: 22,
  description: 'The secret the acquisition returned (128 random bits, base64url)',
});
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Nullable(Timestamp);

export const DocumentTtlMs = Type.Integer({
  minimum: 100,
  maximum: MAX_DOCUMENT_TTL_MS,
  description: 'Time to live in ms (100 ms .. 366 days); without it the document never expires',
});

export const PutDocumentBody = Type.Object(
  {
    data: Type.Unknown({ description: 'Any JSON value, bounded in size (STATE_MAX_DOCUMENT_BYTES) and nesting depth' }),
    ttlMs: Type.Optional(DocumentTtlMs),
  },
  { $id: 'PutDocumentBody', additionalProperties: false },
);
export type PutDocumentBody = Static<typeof PutDocumentBody>;

export const StateDocument = Type.Object(
  {
    namespace: Type.String(),
    key: Type.String(),
    version: Type.Integer({
      minimum: 1,
      description:
        'The namespace revision of the last write (like etcd mod_revision): grows on every write and never repeats, even across delete and re-create. The ETag is its quoted form.',
    }),
    etag: Type.String({ description: 'The ETag header value: "<version>"' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    updatedBy: Type.String({ description: 'API key name and/or x-trellis-actor of the last writer' }),
    expiresAt: NullableTimestamp,
    data: Type.Unknown(),
  },
  { $id: 'StateDocument', additionalProperties: false },
);
export type StateDocument = Static<typeof StateDocument>;

export const KeyPage = Type.Object(
  {
    namespace: Type.String(),
    revision: Type.Integer({ description: 'Namespace revision when the page was read: watch from here' }),
    items: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          version: Type.Integer(),
          updatedAt: Timestamp,
          expiresAt: NullableTimestamp,
        },
        { additionalProperties: false },
      ),
    ),
    nextCursor: Nullable(Type.String(), { description: 'Pass as cursor for the next page; null at the end' }),
  },
  { $id: 'KeyPage', additionalProperties: false },
);
export type KeyPage = Static<typeof KeyPage>;

export const StateEventType = StringEnum(['created', 'updated', 'deleted', 'expired']);
export type StateEventType = Static<typeof StateEventType>;

export const StateEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: StateEventType,
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object(
      {
        namespace: Type.String(),
        key: Type.String(),
        previousVersion: Nullable(Type.Integer()),
        document: Type.Union([Type.Unsafe<StateDocument>({ $ref: 'StateDocument#' }), Type.Null()], {
          description: 'The document after the change; null for deleted and expired',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'StateEvent', additionalProperties: false },
);
export type StateEvent = Static<typeof StateEvent>;

export const StateEventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-list, then watch from revision' }),
    events: Type.Array(Type.Unsafe<StateEvent>({ $ref: 'StateEvent#' })),
  },
  { $id: 'StateEventPage', additionalProperties: false },
);
export type StateEventPage = Static<typeof StateEventPage>;

export const LockRequest = Type.Object(
  {
    owner: Type.String({ pattern: ACTOR_PATTERN, minLength: 1, maxLength: 128, description: 'Who holds it, for humans and 409 answers' }),
    ttlMs: Type.Integer({ minimum: 100, maximum: MAX_LOCK_TTL_MS, description: 'Lease length (100 ms .. 24 h)' }),
    waitMs: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 60_000, description: 'Wait up to this long for a held lock (default 0: answer at once; at most LOCK_MAX_WAIT_MS, 60 s unless lowered)' }),
    ),
  },
  { $id: 'LockRequest', additionalProperties: false },
);
export type LockRequest = Static<typeof LockRequest>;

export const LockExtendRequest = Type.Object(
  { token: LockToken, ttlMs: Type.Integer({ minimum: 100, maximum: MAX_LOCK_TTL_MS, description: 'New lease length from now' }) },
  { $id: 'LockExtendRequest', additionalProperties: false },
);
export type LockExtendRequest = Static<typeof LockExtendRequest>;

export const LockReleaseRequest = Type.Object({ token: LockToken }, { $id: 'LockReleaseRequest', additionalProperties: false });
export type LockReleaseRequest = Static<typeof LockReleaseRequest>;

export const LockGrant = Type.Object(
  {
    name: Type.String(),
    token: Type.String({ description: 'Secret proving ownership: needed to extend and release; never shown to others' }),
    owner: Type.String(),
    fencingToken: Type.Integer({
      minimum: 1,
      description: 'Strictly increases with every acquisition of this lock, forever: send it with writes as X-Fencing-Token',
    }),
    acquiredAt: Timestamp,
    expiresAt: Timestamp,
  },
  { $id: 'LockGrant', additionalProperties: false },
);
export type LockGrant = Static<typeof LockGrant>;

export const LockState = Type.Object(
  {
    name: Type.String(),
    held: Type.Boolean(),
    owner: Nullable(Type.String()),
    fencingToken: Nullable(Type.Integer(), { description: "The holder's fencing token" }),
    acquiredAt: NullableTimestamp,
    expiresAt: NullableTimestamp,
    lastFencingToken: Type.Integer({ minimum: 0, description: 'Highest fencing token ever issued for this lock (0: never)' }),
  },
  { $id: 'LockState', additionalProperties: false },
);
export type LockState = Static<typeof LockState>;

export const ALL_SCHEMAS = [
  PutDocumentBody,
  StateDocument,
  KeyPage,
  StateEvent,
  StateEventPage,
  LockRequest,
  LockExtendRequest,
  LockReleaseRequest,
  LockGrant,
  LockState,
];
