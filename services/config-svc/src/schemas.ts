import { StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

/**
 * `payments/prod`: 1..128 characters, `/`-separated segments of letters, digits and `_ . -`,
 * each starting with a letter or digit (so no empty, `.` or `..` segments). In a URL path the
 * namespace is ONE segment: its slashes travel percent-encoded (`payments%2Fprod`), exactly as
 * OpenAPI clients encode path parameters.
 */
export const NAMESPACE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$';
/** Keys start with a letter or digit: names starting with `_` are reserved for sub-resources (`_watch`, `_schemas`). */
export const KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';
/** A key (exact match), a key prefix ending in `*` (`db.*`), or `*` (every key of the namespace). */
export const SELECTOR_PATTERN = '^(\\*|[A-Za-z0-9][A-Za-z0-9_.:-]*\\*?)$';
export const ACTOR_PATTERN = '^[\\x21-\\x7E][\\x20-\\x7E]*$';

export const Namespace = Type.String({
  pattern: NAMESPACE_PATTERN,
  minLength: 1,
  maxLength: 128,
  description: 'e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -`',
});
export const Key = Type.String({
  pattern: KEY_PATTERN,
  minLength: 1,
  maxLength: 256,
  description: 'Letters, digits and `_ . : -`, starting with a letter or digit; 1..256',
});
export const KeyPrefix = Type.String({ pattern: '^[A-Za-z0-9_.:-]*$', maxLength: 256, description: 'Only keys starting with this' });
export const Selector = Type.String({
  pattern: SELECTOR_PATTERN,
  minLength: 1,
  maxLength: 257,
  description: 'A key, a key prefix followed by `*` (`db.*`), or `*` for every key',
});

const JsonValue = Type.Unknown({ description: 'Any JSON value: object, array, string, number, boolean or null' });

export const PutValueBody = Type.Object(
  { value: JsonValue },
  { $id: 'PutValueBody', additionalProperties: false, required: ['value'] },
);
export type PutValueBody = Static<typeof PutValueBody>;

export const ConfigEntry = Type.Object(
  {
    namespace: Type.String(),
    key: Type.String(),
    value: JsonValue,
    version: Type.Integer({ minimum: 1, description: 'Increases on every write and delete of this key; never reused' }),
    createRevision: Type.Integer({ description: 'Namespace revision that (re)created the key' }),
    modRevision: Type.Integer({ description: 'Namespace revision of the last write to the key' }),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
    etag: Type.String({ description: 'Same as the ETag header: the quoted modRevision' }),
  },
  { $id: 'ConfigEntry', additionalProperties: false },
);
export type ConfigEntry = Static<typeof ConfigEntry>;

export const NamespaceSnapshot = Type.Object(
  {
    namespace: Type.String(),
    revision: Type.Integer({ description: 'Every entry is as of this revision: watch from here to miss nothing' }),
    entries: Type.Array(Type.Unsafe<ConfigEntry>({ $ref: 'ConfigEntry#' }), { description: 'Sorted by key' }),
  },
  { $id: 'NamespaceSnapshot', additionalProperties: false },
);
export type NamespaceSnapshot = Static<typeof NamespaceSnapshot>;

export const NamespaceList = Type.Object(
  {
    namespaces: Type.Array(Type.Object({ namespace: Type.String(), keys: Type.Integer() }, { additionalProperties: false })),
    nextCursor: Type.Optional(Type.String({ description: 'Pass as `cursor` for the next page; absent on the last page' })),
  },
  { $id: 'NamespaceList', additionalProperties: false },
);
export type NamespaceList = Static<typeof NamespaceList>;

export const HistoryEntry = Type.Object(
  {
    version: Type.Integer(),
    revision: Type.Integer({ description: 'Namespace revision of this change' }),
    deleted: Type.Boolean({ description: 'This version is a deletion (it has no value)' }),
    value: Type.Optional(JsonValue),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
    rollbackOf: Type.Optional(Type.Integer({ description: 'This write restored that version' })),
  },
  { $id: 'HistoryEntry', additionalProperties: false },
);
export type HistoryEntry = Static<typeof HistoryEntry>;

export const HistoryPage = Type.Object(
  {
    namespace: Type.String(),
    key: Type.String(),
    versions: Type.Array(Type.Unsafe<HistoryEntry>({ $ref: 'HistoryEntry#' }), { description: 'Newest first' }),
    nextBeforeVersion: Type.Optional(Type.Integer({ description: 'Pass as `beforeVersion` for older versions' })),
  },
  { $id: 'HistoryPage', additionalProperties: false },
);
export type HistoryPage = Static<typeof HistoryPage>;

export const RollbackBody = Type.Object(
  { toVersion: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'A retained version that holds a value' }) },
  { $id: 'RollbackBody', additionalProperties: false },
);
export type RollbackBody = Static<typeof RollbackBody>;

export const ValueSchemaBody = Type.Object(
  {
    schema: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Boolean()], {
      description: 'A JSON Schema (draft 2020-12 by default; `$schema` may select draft-07)',
    }),
  },
  { $id: 'ValueSchemaBody', additionalProperties: false },
);
export type ValueSchemaBody = Static<typeof ValueSchemaBody>;

export const ValueSchema = Type.Object(
  {
    namespace: Type.String(),
    selector: Type.String(),
    schema: Type.Unknown(),
    revision: Type.Integer({ description: 'Namespace revision that set this schema' }),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
    etag: Type.String(),
  },
  { $id: 'ValueSchema', additionalProperties: false },
);
export type ValueSchema = Static<typeof ValueSchema>;

export const ValueSchemaList = Type.Object(
  {
    namespace: Type.String(),
    schemaRevision: Type.Integer({ description: 'Namespace revision of the last schema change (0: never)' }),
    schemas: Type.Array(Type.Unsafe<ValueSchema>({ $ref: 'ValueSchema#' }), { description: 'Sorted by selector' }),
  },
  { $id: 'ValueSchemaList', additionalProperties: false },
);
export type ValueSchemaList = Static<typeof ValueSchemaList>;

export const ConfigEventType = StringEnum(['put', 'delete', 'schema-put', 'schema-delete'], {
  description: 'put/delete change a key; schema-put/schema-delete change a value schema',
});
export type ConfigEventType = Static<typeof ConfigEventType>;

export const ConfigEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: ConfigEventType,
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object(
      {
        namespace: Type.String(),
        key: Type.Optional(Type.String()),
        selector: Type.Optional(Type.String()),
        value: Type.Optional(JsonValue),
        valueOmitted: Type.Optional(
          Type.Boolean({ description: 'The value was too large to travel in the event: GET the key (its modRevision is at least this revision)' }),
        ),
        version: Type.Optional(Type.Integer()),
        createRevision: Type.Optional(Type.Integer()),
        modRevision: Type.Optional(Type.Integer()),
        updatedAt: Type.String({ format: 'date-time' }),
        updatedBy: Type.String(),
        rollbackOf: Type.Optional(Type.Integer()),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'ConfigEvent', additionalProperties: false },
);
export type ConfigEvent = Static<typeof ConfigEvent>;

export const ConfigEventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-read the snapshot, then watch from its revision' }),
    events: Type.Array(Type.Unsafe<ConfigEvent>({ $ref: 'ConfigEvent#' })),
  },
  { $id: 'ConfigEventPage', additionalProperties: false },
);
export type ConfigEventPage = Static<typeof ConfigEventPage>;

export const ALL_SCHEMAS = [
  PutValueBody,
  ConfigEntry,
  NamespaceSnapshot,
  NamespaceList,
  HistoryEntry,
  HistoryPage,
  RollbackBody,
  ValueSchemaBody,
  ValueSchema,
  ValueSchemaList,
  ConfigEvent,
  ConfigEventPage,
];

