import { Nullable, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

/** Safe in headers (RateLimit-Policy names are sf-strings) and URLs without escaping. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
/** Largest count any counter, limit or quota holds: exact in Lua's doubles and in JSON. */
export const MAX_AMOUNT = 1_000_000_000_000;
/** Policies a multi-policy check may combine (the script's key slots). */
export const MAX_POLICIES_PER_CHECK = 8;
/** sliding-log keeps one member per admitted unit: its limit bounds memory per subject. */
export const MAX_SLIDING_LOG_LIMIT = 10_000;

export const Name = Type.String({
  pattern: NAME_PATTERN,
  minLength: 1,
  maxLength: 64,
  description: 'Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit',
});

export const SubjectKey = Type.String({
  minLength: 1,
  maxLength: 512,
  description:
    'Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state.',
});

export const CounterName = Type.String({
  pattern: '^[A-Za-z0-9._:@-]{1,200}$',
  minLength: 1,
  maxLength: 200,
  description: 'Letters, digits and . _ : @ -, 1..200',
});

// ---------------------------------------------------------------------------------- counters

export const CounterChange = Type.Object(
  {
    by: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, default: 1 }),
    ttlSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 31_622_400,
        description: 'Expiry of a counter this call creates, set in the same atomic step; an existing counter keeps its TTL',
      }),
    ),
  },
  { $id: 'CounterChange', additionalProperties: false },
);
export type CounterChange = Static<typeof CounterChange>;

export const Counter = Type.Object(
  {
    name: Type.String(),
    value: Type.Integer(),
    ttlMs: Nullable(Type.Integer(), { description: 'Milliseconds until it expires; null when it never does' }),
  },
  { $id: 'Counter', additionalProperties: false },
);
export type Counter = Static<typeof Counter>;

// ---------------------------------------------------------------------------------- policies

export const ALGORITHMS = ['sliding-log', 'sliding-window', 'token-bucket', 'gcra', 'fixed-window'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
/** Algorithms whose bucket holds more than one window's rate at once. */
export const BURST_ALGORITHMS: readonly Algorithm[] = ['token-bucket', 'gcra'];

export const PolicySpec = Type.Object(
  {
    algorithm: StringEnum(ALGORITHMS, {
      description:
        'sliding-log: exact, one entry per admitted unit; sliding-window: Cloudflare two-counter approximation; token-bucket: refills limit per window; gcra: as redis-cell; fixed-window: epoch-aligned windows',
    }),
    limit: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, description: 'Units admitted per window' }),
    windowSeconds: Type.Integer({ minimum: 1, maximum: 31_622_400 }),
    burst: Type.Integer({
      minimum: 0,
      maximum: MAX_AMOUNT,
      default: 0,
      description: 'token-bucket and gcra only: extra capacity above limit (the bucket holds limit + burst)',
    }),
    shadow: Type.Boolean({ default: false, description: 'Decide and report, never enforce' }),
    failMode: StringEnum(['open', 'closed'], {
      description: 'What a check answers while Redis is unreachable: open admits, closed denies',
    }),
    chargeRejected: Type.Boolean({
      default: false,
      description: 'Count denied calls too (a flooding client stays limited); by default a denied call costs nothing',
    }),
    description: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { $id: 'PolicySpec', additionalProperties: false },
);
export type PolicySpec = Static<typeof PolicySpec>;

export const Policy = Type.Object(
  {
    name: Type.String(),
    ...PolicySpec.properties,
    revision: Type.Integer({ description: 'Change-log revision of the last write; the ETag is "<revision>"' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Policy', additionalProperties: false },
);
export type Policy = Static<typeof Policy>;

export const PolicyList = Type.Object(
  {
    items: Type.Array(Type.Unsafe<Policy>({ $ref: 'Policy#' })),
    nextCursor: Nullable(Type.String(), { description: 'Pass as cursor for the next page; null on the last' }),
  },
  { $id: 'PolicyList', additionalProperties: false },
);

export const CheckRequest = Type.Object(
  {
    key: SubjectKey,
    cost: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, default: 1 }),
  },
  { $id: 'CheckRequest', additionalProperties: false },
);
export type CheckRequest = Static<typeof CheckRequest>;

export const MultiCheckRequest = Type.Object(
  {
    key: SubjectKey,
    policies: Type.Array(Name, { minItems: 1, maxItems: MAX_POLICIES_PER_CHECK, uniqueItems: true }),
    cost: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, default: 1 }),
  },
  { $id: 'MultiCheckRequest', additionalProperties: false },
);
export type MultiCheckRequest = Static<typeof MultiCheckRequest>;

export const DecisionSource = StringEnum(['redis', 'cache', 'fail-open', 'fail-closed'], {
  description:
    'redis: decided in Redis; cache: denied from this instance\'s cache of subjects known to be over a limit; fail-open/fail-closed: Redis was unreachable and the policy\'s failMode answered',
});
export type DecisionSource = Static<typeof DecisionSource>;

export const PolicyDecision = Type.Object(
  {
    policy: Type.String(),
    algorithm: Type.String(),
    allowed: Type.Boolean({ description: 'What this policy enforces (always true for a shadow policy)' }),
    limited: Type.Boolean({ description: 'What this policy decided, shadow or not' }),
    shadow: Type.Boolean(),
    charged: Type.Integer({ description: 'Units charged by this call' }),
    limit: Type.Integer({ description: 'Most units admissible at once: limit, plus burst for token-bucket and gcra' }),
    windowSeconds: Type.Integer(),
    remaining: Type.Integer(),
    resetAfterMs: Type.Integer({ description: 'Until the full limit is available again' }),
    retryAfterMs: Type.Integer({ description: 'Until this call would be admitted; 0 when it was' }),
    blockedForMs: Type.Integer({ description: 'Remaining manual block; 0 when not blocked' }),
    failMode: StringEnum(['open', 'closed']),
  },
  { $id: 'PolicyDecision', additionalProperties: false },
);
export type PolicyDecision = Static<typeof PolicyDecision>;

const decisionFields = {
  allowed: Type.Boolean(),
  limited: Type.Boolean({ description: 'Some policy decided to deny, shadow ones included' }),
  policy: Type.String({ description: 'The most restrictive policy: the denying one with the longest wait, else the one with least remaining' }),
  limit: Type.Integer(),
  remaining: Type.Integer(),
  resetAfterMs: Type.Integer(),
  retryAfterMs: Type.Integer(),
  source: DecisionSource,
  serverTimeMs: Type.Integer({ description: 'Redis time of the decision (this instance\'s clock when not decided in Redis)' }),
  results: Type.Array(Type.Unsafe<PolicyDecision>({ $ref: 'PolicyDecision#' })),
};

export const Decision = Type.Object(decisionFields, { $id: 'Decision', additionalProperties: false });
export type Decision = Static<typeof Decision>;

export const RateLimitedProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'RATE_LIMITED' }),
    requestId: Type.Optional(Type.String()),
    retryAfterSeconds: Type.Optional(Type.Integer()),
    ...decisionFields,
  },
  {
    $id: 'RateLimitedProblem',
    additionalProperties: true,
    description: 'A denied check: problem+json (429) carrying the whole decision as extension members',
  },
);

export const PolicyState = Type.Object(
  {
    key: Type.String(),
    ...PolicyDecision.properties,
  },
  {
    $id: 'PolicyState',
    additionalProperties: false,
    description: 'A subject\'s standing under one policy; limited tells whether a call of the asked cost would be denied now',
  },
);
export type PolicyState = Static<typeof PolicyState>;

export const Adjustment = Type.Object(
  { key: SubjectKey, points: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT }) },
  { $id: 'Adjustment', additionalProperties: false },
);
export type Adjustment = Static<typeof Adjustment>;

export const BlockRequest = Type.Object(
  { key: SubjectKey, durationSeconds: Type.Integer({ minimum: 1, maximum: 31_622_400 }) },
  { $id: 'BlockRequest', additionalProperties: false },
);
export type BlockRequest = Static<typeof BlockRequest>;

// ---------------------------------------------------------------------------------- quotas

export const PERIODS = ['day', 'week', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const QuotaSpec = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT }),
    period: StringEnum(PERIODS, { description: 'Calendar period in timeZone; weeks start on Monday (ISO 8601)' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin or UTC' }),
    description: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { $id: 'QuotaSpec', additionalProperties: false },
);
export type QuotaSpec = Static<typeof QuotaSpec>;

export const Quota = Type.Object(
  {
    name: Type.String(),
    ...QuotaSpec.properties,
    revision: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Quota', additionalProperties: false },
);
export type Quota = Static<typeof Quota>;

export const QuotaList = Type.Object(
  {
    items: Type.Array(Type.Unsafe<Quota>({ $ref: 'Quota#' })),
    nextCursor: Nullable(Type.String()),
  },
  { $id: 'QuotaList', additionalProperties: false },
);

export const QuotaChange = Type.Object(
  { key: SubjectKey, amount: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, default: 1 }) },
  { $id: 'QuotaChange', additionalProperties: false },
);
export type QuotaChange = Static<typeof QuotaChange>;

const usageFields = {
  quota: Type.String(),
  key: Type.String(),
  limit: Type.Integer(),
  used: Type.Integer(),
  remaining: Type.Integer(),
  period: Type.String(),
  timeZone: Type.String(),
  periodStart: Type.String({ format: 'date-time', description: 'Start of the current period, with the zone\'s offset' }),
  periodEnd: Type.String({ format: 'date-time', description: 'End of the period (exclusive); usage resets then' }),
  resetAfterMs: Type.Integer(),
};

export const QuotaUsage = Type.Object(
  {
    ...usageFields,
    allowed: Type.Optional(Type.Boolean({ description: 'consume only: whether the amount was charged' })),
    refunded: Type.Optional(Type.Integer({ description: 'refund only: how much was given back' })),
  },
  { $id: 'QuotaUsage', additionalProperties: false },
);
export type QuotaUsage = Static<typeof QuotaUsage>;

export const QuotaExceededProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'QUOTA_EXCEEDED' }),
    requestId: Type.Optional(Type.String()),
    retryAfterSeconds: Type.Optional(Type.Integer()),
    ...usageFields,
    allowed: Type.Boolean(),
  },
  { $id: 'QuotaExceededProblem', additionalProperties: true, description: 'A refused consume (nothing was charged)' },
);

export const ListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 128, description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const ALL_SCHEMAS = [
  CounterChange,
  Counter,
  PolicySpec,
  Policy,
  PolicyList,
  CheckRequest,
  MultiCheckRequest,
  PolicyDecision,
  Decision,
  RateLimitedProblem,
  PolicyState,
  Adjustment,
  BlockRequest,
  QuotaSpec,
  Quota,
  QuotaList,
  QuotaChange,
  QuotaUsage,
  QuotaExceededProblem,
];
