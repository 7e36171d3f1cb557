import { MapOf, Nullable, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

/** URL-safe, because OFREP providers put the key into the path as it is. */
export const FLAG_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$';
export const ENVIRONMENT_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

export const FlagName = Type.String({
  pattern: FLAG_NAME_PATTERN,
  minLength: 1,
  maxLength: 100,
  description: 'Letters, digits and . _ ~ -, 1..100, starting with a letter or digit',
});
export const EnvironmentName = Type.String({
  pattern: ENVIRONMENT_PATTERN,
  minLength: 1,
  maxLength: 64,
  description: 'Letters, digits and . _ -, 1..64',
});
export const SegmentId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

const ShortText = Type.String({ maxLength: 256 });
const ContextName = Type.String({ minLength: 1, maxLength: 256 });
const ParameterValue = Type.Union([
  Type.String({ maxLength: 65_536 }),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Type.Union([Type.String({ maxLength: 1_024 }), Type.Number()]), { maxItems: 10_000 }),
]);

export const Constraint = Type.Object(
  {
    contextName: ContextName,
    operator: Type.String({ minLength: 1, maxLength: 32, description: 'IN, NOT_IN, STR_*, NUM_*, DATE_*, SEMVER_*, ...' }),
    values: Type.Optional(Type.Array(Type.String({ maxLength: 1_024 }), { maxItems: 10_000 })),
    value: Type.Optional(Type.String({ maxLength: 1_024 })),
    caseInsensitive: Type.Optional(Type.Boolean()),
    inverted: Type.Optional(Type.Boolean()),
  },
  { $id: 'Constraint', additionalProperties: false },
);

export const VariantPayload = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 32, description: 'string, json, csv, number or boolean' }),
    value: Type.String({ maxLength: 65_536 }),
  },
  { $id: 'VariantPayload', additionalProperties: false },
);

export const Variant = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    weight: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    weightType: Type.Optional(Type.String({ maxLength: 32 })),
    stickiness: Type.Optional(Type.String({ maxLength: 256 })),
    payload: Type.Optional(Type.Unsafe<Static<typeof VariantPayload>>({ $ref: 'VariantPayload#' })),
    overrides: Type.Optional(
      Type.Array(
        Type.Object(
          { contextName: ContextName, values: Type.Array(Type.String({ maxLength: 1_024 }), { maxItems: 10_000 }) },
          { additionalProperties: false },
        ),
        { maxItems: 64 },
      ),
    ),
  },
  { $id: 'Variant', additionalProperties: false },
);

const Constraints = Type.Array(Type.Unsafe<Static<typeof Constraint>>({ $ref: 'Constraint#' }), { maxItems: 64 });
const Variants = Type.Array(Type.Unsafe<Static<typeof Variant>>({ $ref: 'Variant#' }), { maxItems: 100 });

export const Strategy = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        'default, userWithId, flexibleRollout, remoteAddress, applicationHostname, ... or a shorthand: all, none, percentage, user_list, group',
    }),
    parameters: Type.Optional(MapOf(Type.String({ maxLength: 128 }), ParameterValue, { maxProperties: 32 })),
    constraints: Type.Optional(Constraints),
    segments: Type.Optional(Type.Array(SegmentId, { maxItems: 64 })),
    variants: Type.Optional(Variants),
    title: Type.Optional(Nullable(ShortText)),
    disabled: Type.Optional(Nullable(Type.Boolean())),
    // Shorthand fields (also accepted inside parameters)
    percentage: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.String({ maxLength: 8 })])),
    stickiness: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    groupId: Type.Optional(Type.String({ maxLength: 256 })),
    userIds: Type.Optional(
      Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 10_000 }), Type.String({ maxLength: 65_536 })]),
    ),
    groups: Type.Optional(
      Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 1_000 }), Type.String({ maxLength: 65_536 })]),
    ),
  },
  { $id: 'Strategy', additionalProperties: false },
);

export const Dependency = Type.Object(
  {
    feature: FlagName,
    enabled: Type.Optional(Type.Boolean()),
    variants: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 100 })),
  },
  { $id: 'Dependency', additionalProperties: false },
);

const flagFields = {
  description: Type.Optional(Nullable(Type.String({ maxLength: 2_000 }))),
  type: Type.Optional(
    Type.String({ maxLength: 64, description: 'release, experiment, operational, kill-switch, permission, ...', default: 'release' }),
  ),
  project: Type.Optional(Type.String({ minLength: 1, maxLength: 100, default: 'default' })),
  stale: Type.Optional(Type.Boolean()),
  enabled: Type.Boolean({ description: 'On or off in this environment' }),
  strategies: Type.Array(Type.Unsafe<Static<typeof Strategy>>({ $ref: 'Strategy#' }), {
    maxItems: 64,
    description: 'Empty: on for everyone (when enabled)',
  }),
  variants: Type.Optional(Variants),
  dependencies: Type.Optional(
    Type.Array(Type.Unsafe<Static<typeof Dependency>>({ $ref: 'Dependency#' }), { maxItems: 16 }),
  ),
  impressionData: Type.Optional(Type.Boolean()),
};

/** What a client sends to create or replace a flag (shorthand strategies allowed). */
export const FlagInput = Type.Object(
  { name: Type.Optional(FlagName), ...flagFields },
  { $id: 'FlagInput', additionalProperties: false },
);
export type FlagInput = Static<typeof FlagInput>;

/** A flag as Unleash's client features API serves it (shorthands expanded). */
export const Feature = Type.Object(
  {
    name: FlagName,
    description: Type.Optional(Nullable(Type.String())),
    type: Type.String(),
    project: Type.String(),
    stale: Type.Boolean(),
    enabled: Type.Boolean(),
    strategies: Type.Array(Type.Unsafe<Static<typeof Strategy>>({ $ref: 'Strategy#' })),
    variants: Type.Array(Type.Unsafe<Static<typeof Variant>>({ $ref: 'Variant#' })),
    dependencies: Type.Optional(Type.Array(Type.Unsafe<Static<typeof Dependency>>({ $ref: 'Dependency#' }))),
    impressionData: Type.Boolean(),
  },
  { $id: 'Feature', additionalProperties: false },
);

export const RecordMeta = Type.Object(
  {
    version: Type.Integer({ description: 'Increases by one with every change of this entity' }),
    createRevision: Type.Integer({ description: 'Environment revision that created it' }),
    modRevision: Type.Integer({ description: 'Environment revision of its last change (also its ETag)' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
  },
  { $id: 'RecordMeta', additionalProperties: false },
);
export type RecordMeta = Static<typeof RecordMeta>;

export const FlagRecord = Type.Object(
  {
    environment: Type.String(),
    flag: Type.Unsafe<Static<typeof Feature>>({ $ref: 'Feature#' }),
    meta: Type.Unsafe<RecordMeta>({ $ref: 'RecordMeta#' }),
  },
  { $id: 'FlagRecord', additionalProperties: false },
);

export const FlagPage = Type.Object(
  {
    environment: Type.String(),
    revision: Type.Integer({ description: 'Environment revision when the page was read' }),
    items: Type.Array(Type.Unsafe<Static<typeof FlagRecord>>({ $ref: 'FlagRecord#' })),
    nextCursor: Nullable(Type.String(), { description: 'Pass as cursor for the next page; null at the end' }),
  },
  { $id: 'FlagPage', additionalProperties: false },
);

export const SegmentInput = Type.Object(
  {
    id: Type.Optional(SegmentId),
    name: Type.String({ minLength: 1, maxLength: 256 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2_000 }))),
    constraints: Constraints,
  },
  { $id: 'SegmentInput', additionalProperties: false },
);
export type SegmentInput = Static<typeof SegmentInput>;

export const Segment = Type.Object(
  {
    id: SegmentId,
    name: Type.String(),
    description: Type.Optional(Nullable(Type.String())),
    constraints: Type.Array(Type.Unsafe<Static<typeof Constraint>>({ $ref: 'Constraint#' })),
  },
  { $id: 'Segment', additionalProperties: false },
);

export const SegmentRecord = Type.Object(
  {
    environment: Type.String(),
    segment: Type.Unsafe<Static<typeof Segment>>({ $ref: 'Segment#' }),
    meta: Type.Unsafe<RecordMeta>({ $ref: 'RecordMeta#' }),
  },
  { $id: 'SegmentRecord', additionalProperties: false },
);

export const SegmentList = Type.Object(
  {
    environment: Type.String(),
    revision: Type.Integer(),
    items: Type.Array(Type.Unsafe<Static<typeof SegmentRecord>>({ $ref: 'SegmentRecord#' })),
  },
  { $id: 'SegmentList', additionalProperties: false },
);

/** Unleash's client features document (`GET /api/client/features`), as flags-svc exports it. */
export const FeaturesDocument = Type.Object(
  {
    version: Type.Integer(),
    features: Type.Array(Type.Unsafe<Static<typeof Feature>>({ $ref: 'Feature#' })),
    segments: Type.Array(Type.Unsafe<Static<typeof Segment>>({ $ref: 'Segment#' })),
    meta: Type.Object(
      {
        environment: Type.String(),
        revision: Type.Integer({ description: 'Watch from here to miss nothing' }),
        etag: Type.String(),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'FeaturesDocument', additionalProperties: false },
);

/**
 * Unleash's client features document as another Unleash (or anything speaking its format)
 * serves it: unknown fields are tolerated and dropped, the structure is checked by the engine.
 */
export const ImportDocument = Type.Object(
  {
    version: Type.Optional(Type.Integer()),
    features: Type.Array(MapOf(Type.String({ maxLength: 128 }), Type.Unknown(), { maxProperties: 64 }), {
      maxItems: 10_000,
    }),
    segments: Type.Optional(
      Type.Array(MapOf(Type.String({ maxLength: 128 }), Type.Unknown(), { maxProperties: 64 }), { maxItems: 10_000 }),
    ),
  },
  { $id: 'ImportDocument', additionalProperties: true },
);

export const ImportResult = Type.Object(
  {
    environment: Type.String(),
    revision: Type.Integer({ description: 'Environment revision after the import' }),
    flags: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), deleted: Type.Integer() }),
    segments: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), deleted: Type.Integer() }),
    warnings: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false })),
  },
  { $id: 'ImportResult', additionalProperties: false },
);

export const Environment = Type.Object(
  {
    name: Type.String(),
    description: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    revision: Type.Integer(),
    flags: Type.Integer({ description: 'How many flags it holds' }),
    segments: Type.Integer(),
  },
  { $id: 'Environment', additionalProperties: false },
);

export const EnvironmentList = Type.Object(
  { items: Type.Array(Type.Unsafe<Static<typeof Environment>>({ $ref: 'Environment#' })) },
  { $id: 'EnvironmentList', additionalProperties: false },
);

export const Reason = Type.String({
  description: 'OpenFeature reason: STATIC, DEFAULT, TARGETING_MATCH, SPLIT, DISABLED, UNKNOWN or ERROR',
});
// A map with a type list for values, not Record + anyOf: fast-json-stringify would test every key
// against Record's pattern and run the validator on every value of every evaluation answered.
const FlagMetadata = MapOf(Type.String(), Type.Unsafe<string | number | boolean>({ type: ['string', 'number', 'boolean'] }));

/** Evaluation context (OpenFeature): targetingKey and any attributes. */
export const EvaluationContext = MapOf(Type.String({ maxLength: 256 }), Type.Unknown(), {
  $id: 'EvaluationContext',
  maxProperties: 256,
  description:
    'OpenFeature evaluation context. targetingKey is the userId unless userId is given; sessionId, remoteAddress, appName, environment, currentTime, groups, properties and any other field feed constraints and stickiness.',
});

export const Evaluation = Type.Object(
  {
    key: Type.String(),
    value: Type.Unknown({
      description:
        'The variant payload (typed by payload type: json -> object, number -> number, boolean -> boolean, else string) when a variant was chosen, the variant name when it has no payload, otherwise the flag state as a boolean',
    }),
    enabled: Type.Boolean(),
    variant: Type.Optional(Type.String()),
    variantDetail: Type.Object(
      {
        name: Type.String(),
        enabled: Type.Boolean(),
        featureEnabled: Type.Boolean(),
        payload: Type.Optional(Type.Unsafe<Static<typeof VariantPayload>>({ $ref: 'VariantPayload#' })),
      },
      { additionalProperties: false },
    ),
    reason: Reason,
    errorCode: Type.Optional(Type.String()),
    errorDetails: Type.Optional(Type.String()),
    metadata: Type.Optional(FlagMetadata),
  },
  { $id: 'Evaluation', additionalProperties: false },
);

export const EvaluateRequest = Type.Object(
  {
    flag: Type.Optional(FlagName),
    context: Type.Optional(Type.Unsafe<Record<string, unknown>>({ $ref: 'EvaluationContext#' })),
  },
  { $id: 'EvaluateRequest', additionalProperties: false },
);

export const EvaluateResponse = Type.Object(
  {
    environment: Type.String(),
    revision: Type.Integer({ description: 'Revision of the snapshot that answered' }),
    flags: Type.Array(Type.Unsafe<Static<typeof Evaluation>>({ $ref: 'Evaluation#' })),
  },
  { $id: 'EvaluateResponse', additionalProperties: false },
);

export const OfrepRequest = Type.Object(
  { context: Type.Optional(Type.Unsafe<Record<string, unknown>>({ $ref: 'EvaluationContext#' })) },
  { $id: 'OfrepRequest', additionalProperties: true },
);

export const OfrepSuccess = Type.Object(
  {
    key: Type.String(),
    value: Type.Unknown(),
    reason: Reason,
    variant: Type.Optional(Type.String()),
    metadata: Type.Optional(FlagMetadata),
    cacheable: Type.Optional(Type.Boolean()),
  },
  { $id: 'OfrepSuccess', additionalProperties: false },
);

/** OFREP failure fields; flags-svc sends them inside problem+json so both kinds of client understand. */
export const OfrepFailure = Type.Object(
  {
    key: Type.Optional(Type.String()),
    errorCode: Type.String({ description: 'PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT, GENERAL or FLAG_NOT_FOUND' }),
    errorDetails: Type.Optional(Type.String()),
  },
  { $id: 'OfrepFailure', additionalProperties: true },
);

export const OfrepBulkResponse = Type.Object(
  {
    flags: Type.Array(
      Type.Union([
        Type.Unsafe<Static<typeof OfrepSuccess>>({ $ref: 'OfrepSuccess#' }),
        Type.Unsafe<Static<typeof OfrepFailure>>({ $ref: 'OfrepFailure#' }),
      ]),
    ),
  },
  { $id: 'OfrepBulkResponse', additionalProperties: false },
);

export const OfrepConfiguration = Type.Object(
  {
    name: Type.String(),
    capabilities: Type.Object({
      cacheInvalidation: Type.Object({
        polling: Type.Object({ enabled: Type.Boolean(), minPollingIntervalMs: Type.Number() }),
      }),
      flagEvaluation: Type.Object({ supportedTypes: Type.Array(Type.String()) }),
    }),
  },
  { $id: 'OfrepConfiguration', additionalProperties: false },
);

export const FlagEventType = StringEnum(['feature-updated', 'feature-removed', 'segment-updated', 'segment-removed', 'environment-deleted']);
export type FlagEventType = Static<typeof FlagEventType>;

export const FlagEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: FlagEventType,
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object(
      {
        environment: Type.String(),
        featureName: Type.Optional(Type.String()),
        feature: Type.Optional(Type.Unsafe<Static<typeof Feature>>({ $ref: 'Feature#' })),
        segmentId: Type.Optional(Type.Integer()),
        segment: Type.Optional(Type.Unsafe<Static<typeof Segment>>({ $ref: 'Segment#' })),
        meta: Type.Optional(Type.Unsafe<RecordMeta>({ $ref: 'RecordMeta#' })),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'FlagEvent', additionalProperties: false },
);
export type FlagEvent = Static<typeof FlagEvent>;

export const FlagEventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-read the export, then watch from its revision' }),
    events: Type.Array(Type.Unsafe<FlagEvent>({ $ref: 'FlagEvent#' })),
  },
  { $id: 'FlagEventPage', additionalProperties: false },
);

export const UsageBucket = Type.Object(
  {
    minute: Type.String({ format: 'date-time' }),
    yes: Type.Integer(),
    no: Type.Integer(),
    variants: Type.Record(Type.String(), Type.Integer()),
  },
  { $id: 'UsageBucket', additionalProperties: false },
);

export const FlagUsage = Type.Object(
  {
    environment: Type.String(),
    flag: Type.String(),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    totals: Type.Object({ yes: Type.Integer(), no: Type.Integer(), variants: Type.Record(Type.String(), Type.Integer()) }),
    buckets: Type.Array(Type.Unsafe<Static<typeof UsageBucket>>({ $ref: 'UsageBucket#' })),
  },
  { $id: 'FlagUsage', additionalProperties: false },
);

/** What an SDK that evaluates locally reports (Unleash's client metrics bucket, per flag). */
export const UsageReport = Type.Object(
  {
    appName: Type.Optional(Type.String({ maxLength: 256 })),
    instanceId: Type.Optional(Type.String({ maxLength: 256 })),
    bucket: Type.Object(
      {
        start: Type.String({ format: 'date-time' }),
        stop: Type.String({ format: 'date-time' }),
        toggles: MapOf(
          FlagName,
          Type.Object(
            {
              yes: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
              no: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
              variants: Type.Optional(
                MapOf(Type.String({ maxLength: 256 }), Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), {
                  maxProperties: 100,
                }),
              ),
            },
            { additionalProperties: false },
          ),
          { maxProperties: 10_000 },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'UsageReport', additionalProperties: false },
);
export type UsageReport = Static<typeof UsageReport>;

export const ALL_SCHEMAS = [
  Constraint,
  VariantPayload,
  Variant,
  Strategy,
  Dependency,
  FlagInput,
  Feature,
  RecordMeta,
  FlagRecord,
  FlagPage,
  SegmentInput,
  Segment,
  SegmentRecord,
  SegmentList,
  FeaturesDocument,
  ImportDocument,
  ImportResult,
  Environment,
  EnvironmentList,
  EvaluationContext,
  Evaluation,
  EvaluateRequest,
  EvaluateResponse,
  OfrepRequest,
  OfrepSuccess,
  OfrepFailure,
  OfrepBulkResponse,
  OfrepConfiguration,
  FlagEvent,
  FlagEventPage,
  UsageBucket,
  FlagUsage,
  UsageReport,
];
