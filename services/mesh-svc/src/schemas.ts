import { DEFAULT_ROUTE_POLICY as D, LOAD_BALANCERS, RETRY_ON } from '@trellis/mesh-core';
import { Nullable, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

const NAME = '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?';
export const SERVICE_NAME_PATTERN = `^${NAME}$`;
export const ServiceName = Type.String({
  pattern: SERVICE_NAME_PATTERN,
  minLength: 1,
  maxLength: 63,
  description: 'Registry service name: lower-case letters, digits and dashes, 1..63',
});
export const RouteSource = Type.String({
  pattern: `^(\\*|${NAME})$`,
  minLength: 1,
  maxLength: 63,
  description: 'The calling service, or `*` for the route every caller without its own route uses',
});
export const ANONYMOUS_SOURCE = 'anonymous';

const Label = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:/=+-]+$' });
const int = (minimum: number, maximum: number, description: string) => Type.Integer({ minimum, maximum, description });

const LoadBalancer = StringEnum(LOAD_BALANCERS, {
  description: 'round-robin | random | least-connections | weighted (registry weights) | p2c-ewma (Linkerd)',
});
const RetryOn = StringEnum(RETRY_ON, { description: 'Envoy retry_on conditions' });

export const Split = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' })),
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Instances with exactly this version' })),
    tag: Type.Optional(Label),
    weight: int(0, 1_000_000, 'Relative share of the traffic'),
  },
  { $id: 'Split', additionalProperties: false, description: 'Instances matching version and/or tag share `weight`; an instance joins its first matching split' },
);

const policyFields = (optional: boolean) => {
  const o = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => (optional ? Type.Optional(schema) : schema);
  return {
    splits: o(Type.Array(Type.Unsafe<Static<typeof Split>>({ $ref: 'Split#' }), { maxItems: 16, description: 'Canary / version splits; empty: every instance' })),
    timeoutMs: o(int(1, 600_000, `Whole call until the response headers, retries included (default ${D.timeoutMs})`)),
    perTryTimeoutMs: o(int(1, 600_000, `One attempt; at most timeoutMs (default ${D.perTryTimeoutMs}, capped at timeoutMs)`)),
    retries: o(
      Type.Object(
        {
          max: o(int(0, 10, `Retries after the first attempt (default ${D.retries.max})`)),
          retryOn: o(Type.Array(RetryOn, { maxItems: 4, uniqueItems: true, description: `default ${D.retries.retryOn.join(', ')}` })),
          retriableStatusCodes: o(
            Type.Array(Type.Integer({ minimum: 400, maximum: 599 }), {
              maxItems: 32,
              uniqueItems: true,
              description: 'For retryOn retriable-status-codes (default [503] when retryOn is left out)',
            }),
          ),
          backoff: o(
            Type.Object(
              {
                baseMs: o(int(1, 60_000, `default ${D.retries.backoff.baseMs}`)),
                maxMs: o(int(1, 600_000, `default ${D.retries.backoff.maxMs}`)),
              },
              { additionalProperties: false, description: 'Fully jittered exponential backoff' },
            ),
          ),
          budget: o(
            Type.Object(
              {
                ratio: o(Type.Number({ minimum: 0, maximum: 10, description: `Retries per request over 10 s (default ${D.retries.budget.ratio})` })),
                minRetriesPerSecond: o(int(0, 100_000, `Retries always allowed (default ${D.retries.budget.minRetriesPerSecond})`)),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    circuitBreaker: o(
      Type.Object(
        {
          maxRequests: o(int(1, 1_000_000, `Calls in flight per caller (default ${D.circuitBreaker.maxRequests})`)),
          maxPending: o(int(0, 1_000_000, `Calls waiting for a slot before failing fast (default ${D.circuitBreaker.maxPending})`)),
        },
        { additionalProperties: false },
      ),
    ),
    outlierDetection: o(
      Type.Object(
        {
          consecutive5xx: o(int(0, 1_000, `Failures in a row that eject; 0 never ejects (default ${D.outlierDetection.consecutive5xx})`)),
          intervalMs: o(int(100, 3_600_000, `Each healthy interval forgives one ejection (default ${D.outlierDetection.intervalMs})`)),
          baseEjectionMs: o(int(1, 3_600_000, `x times ejected (default ${D.outlierDetection.baseEjectionMs})`)),
          maxEjectionPercent: o(int(0, 100, `default ${D.outlierDetection.maxEjectionPercent}; at least one instance may be ejected`)),
          panicThresholdPercent: o(int(0, 100, `Below this share usable, use all (default ${D.outlierDetection.panicThresholdPercent})`)),
        },
        { additionalProperties: false },
      ),
    ),
    loadBalancer: o(LoadBalancer),
  };
};

export const RoutePolicyInput = Type.Object(policyFields(true), {
  $id: 'RoutePolicyInput',
  additionalProperties: false,
  description: 'The whole route (PUT replaces it): every field left out takes the default shown in its description',
});
export type RoutePolicyInput = Static<typeof RoutePolicyInput>;

export const RoutePolicy = Type.Object(
  {
    ...policyFields(false),
    retries: Type.Object(
      {
        max: Type.Integer(),
        retryOn: Type.Array(RetryOn),
        retriableStatusCodes: Type.Array(Type.Integer()),
        backoff: Type.Object({ baseMs: Type.Integer(), maxMs: Type.Integer() }, { additionalProperties: false }),
        budget: Type.Object({ ratio: Type.Number(), minRetriesPerSecond: Type.Integer() }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    circuitBreaker: Type.Object({ maxRequests: Type.Integer(), maxPending: Type.Integer() }, { additionalProperties: false }),
    outlierDetection: Type.Object(
      {
        consecutive5xx: Type.Integer(),
        intervalMs: Type.Integer(),
        baseEjectionMs: Type.Integer(),
        maxEjectionPercent: Type.Integer(),
        panicThresholdPercent: Type.Integer(),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'RoutePolicy', additionalProperties: false, description: 'A route with every default filled in' },
);
export type RoutePolicy = Static<typeof RoutePolicy>;

export const RouteOrigin = StringEnum(['explicit', 'wildcard', 'default'], {
  description: 'explicit: set for this source; wildcard: the `*` route of the destination; default: nothing set',
});
export type RouteOrigin = Static<typeof RouteOrigin>;

export const Route = Type.Object(
  {
    source: Type.String({ description: 'The caller asked about (or `*`)' }),
    destination: Type.String(),
    origin: RouteOrigin,
    revision: Type.Integer({ minimum: 0, description: 'Revision of the stored route (0 for the default); also its ETag' }),
    asOfRevision: Type.Integer({ minimum: 0, description: 'Route revision this answer reflects: watch from here to miss no change' }),
    policy: Type.Unsafe<RoutePolicy>({ $ref: 'RoutePolicy#' }),
    createdAt: Nullable(Type.String({ format: 'date-time' })),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'Route', additionalProperties: false },
);
export type Route = Static<typeof Route>;

export const RouteList = Type.Object(
  {
    revision: Type.Integer({ description: 'Route revision the page reflects: watch from here' }),
    items: Type.Array(Type.Unsafe<Route>({ $ref: 'Route#' })),
    nextCursor: Nullable(Type.String(), { description: 'Pass as cursor for the next page; null at the end' }),
  },
  { $id: 'RouteList', additionalProperties: false },
);

export const RouteEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: StringEnum(['updated', 'deleted']),
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object(
      {
        source: Type.String(),
        destination: Type.String(),
        policy: Type.Union([Type.Unsafe<RoutePolicy>({ $ref: 'RoutePolicy#' }), Type.Null()], { description: 'null when deleted' }),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'RouteEvent', additionalProperties: false },
);
export type RouteEvent = Static<typeof RouteEvent>;

export const RouteEventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-read, then watch from revision' }),
    events: Type.Array(Type.Unsafe<RouteEvent>({ $ref: 'RouteEvent#' })),
  },
  { $id: 'RouteEventPage', additionalProperties: false },
);
export type RouteEventPage = Static<typeof RouteEventPage>;

export const ResolvedInstance = Type.Object(
  {
    instanceId: Type.String(),
    host: Type.String(),
    port: Type.Integer(),
    version: Type.String(),
    zone: Type.String(),
    tags: Type.Array(Type.String()),
    weight: Type.Integer({ description: 'Registry weight' }),
    health: StringEnum(['passing', 'warning', 'unknown'], {
      description: 'What health-svc says; unknown when it has not checked the instance or is not configured',
    }),
    split: Nullable(Type.String(), { description: 'The split the instance serves, null without splits' }),
    effectiveWeight: Type.Number({ minimum: 0, maximum: 100, description: 'Percent of the traffic it should get; all instances sum to 100' }),
  },
  { $id: 'ResolvedInstance', additionalProperties: false },
);

export const Resolution = Type.Object(
  {
    source: Type.String(),
    destination: Type.String(),
    route: Type.Object(
      { origin: RouteOrigin, revision: Type.Integer(), loadBalancer: LoadBalancer },
      { additionalProperties: false },
    ),
    registryRevision: Type.Integer(),
    health: StringEnum(['applied', 'unavailable', 'not-configured'], {
      description: 'applied: health-svc statuses filtered the list; unavailable: health-svc could not be read, so nothing was filtered',
    }),
    splits: Type.Array(
      Type.Object(
        { name: Type.String(), weight: Type.Integer(), percent: Type.Number(), instances: Type.Integer() },
        { additionalProperties: false },
      ),
      { description: 'Splits that have instances, with their share after redistribution' },
    ),
    emptySplits: Type.Array(Type.String(), { description: 'Splits with no healthy instance: their share went to the others' }),
    splitFallback: Type.Boolean({ description: 'No split matched any instance, so every instance takes traffic' }),
    instances: Type.Array(Type.Unsafe<Static<typeof ResolvedInstance>>({ $ref: 'ResolvedInstance#' })),
  },
  { $id: 'Resolution', additionalProperties: false },
);
export type Resolution = Static<typeof Resolution>;

export const CallSample = Type.Object(
  {
    source: Type.Optional(ServiceName),
    destination: ServiceName,
    status: Type.Integer({ minimum: 0, maximum: 599, description: 'HTTP status; 0 when no response came (connect failure, timeout)' }),
    latencyMs: Type.Number({ minimum: 0, maximum: 3_600_000 }),
    agoMs: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 3_600_000, description: 'How long before this report the call ended (default 0): no clock needs to agree' }),
    ),
  },
  { additionalProperties: false },
);
export type CallSample = Static<typeof CallSample>;

export const CallBatch = Type.Object(
  {
    source: Type.Optional(ServiceName),
    calls: Type.Array(CallSample, { minItems: 1, maxItems: 5_000 }),
  },
  { $id: 'CallBatch', additionalProperties: false, description: 'Calls as the caller saw them; `source` is the default source of each call (else `anonymous`)' },
);
export type CallBatch = Static<typeof CallBatch>;

export const MetricsWindow = StringEnum(['1m', '5m', '1h']);
export type MetricsWindow = Static<typeof MetricsWindow>;

const nullableMs = (description: string) => Nullable(Type.Number(), { description });

export const CallMetrics = Type.Object(
  {
    source: Type.String({ description: '`*` for every source together' }),
    destination: Type.String(),
    window: MetricsWindow,
    from: Type.String({ format: 'date-time', description: 'Start of the oldest whole minute counted' }),
    to: Type.String({ format: 'date-time', description: 'Now (the current minute counts so far)' }),
    requests: Type.Integer(),
    failures: Type.Integer({ description: '5xx answers and calls without an answer' }),
    rps: Type.Number({ description: 'requests / seconds from `from` to `to`' }),
    successRate: Nullable(Type.Number({ minimum: 0, maximum: 1 }), { description: 'null without requests' }),
    latencyMs: Type.Object(
      {
        p50: nullableMs('Median'),
        p95: nullableMs('95th percentile'),
        p99: nullableMs('99th percentile'),
        mean: nullableMs('Mean'),
      },
      { additionalProperties: false },
    ),
    relativeError: Type.Number({ description: 'Percentiles are within this relative distance of the exact ones' }),
  },
  { $id: 'CallMetrics', additionalProperties: false },
);
export type CallMetrics = Static<typeof CallMetrics>;

export const ALL_SCHEMAS = [
  Split,
  RoutePolicyInput,
  RoutePolicy,
  Route,
  RouteList,
  RouteEvent,
  RouteEventPage,
  ResolvedInstance,
  Resolution,
  CallBatch,
  CallMetrics,
];
