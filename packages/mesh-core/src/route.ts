/**
 * A route is the policy one caller (source) applies to calls to one service (destination):
 * which instances get what share of traffic, how long to wait, when to retry, how to balance
 * and when to stop sending to a misbehaving instance. Field names follow Envoy / Linkerd.
 */

export const LOAD_BALANCERS = ['round-robin', 'random', 'least-connections', 'weighted', 'p2c-ewma'] as const;
export type LoadBalancerKind = (typeof LOAD_BALANCERS)[number];

/**
 * Envoy's retry_on conditions: `connect-failure` (no connection was made), `5xx` (any 5xx, a
 * reset or a per-try timeout, and connect failures), `gateway-error` (502/503/504, per-try
 * timeouts and connect failures), `retriable-status-codes` (the codes in retriableStatusCodes).
 */
export const RETRY_ON = ['connect-failure', '5xx', 'gateway-error', 'retriable-status-codes'] as const;
export type RetryOn = (typeof RETRY_ON)[number];

/** A share of traffic for the instances with this version and/or tag (canary releases). */
export interface Split {
  name?: string | undefined;
  version?: string | undefined;
  tag?: string | undefined;
  /** Relative weight; the shares of all splits are weight / sum of weights. */
  weight: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt (so at most max + 1 attempts). */
  max: number;
  retryOn: RetryOn[];
  retriableStatusCodes: number[];
  /** Fully jittered exponential backoff: random(0, min(maxMs, baseMs * 2^(n-1))) before retry n. */
  backoff: { baseMs: number; maxMs: number };
  /** Linkerd's budget: retries may add `ratio` of the requests, plus a floor per second. */
  budget: { ratio: number; minRetriesPerSecond: number };
}

export interface CircuitBreakerPolicy {
  /** Calls in flight to the destination at once. */
  maxRequests: number;
  /** Calls allowed to wait for a free slot; beyond that a call fails fast (overflow). */
  maxPending: number;
}

export interface OutlierDetectionPolicy {
  /** Consecutive failures (5xx, connect failure, timeout, reset) that eject an instance. */
  consecutive5xx: number;
  /** Each healthy interval forgives one past ejection (shortening the next one). */
  intervalMs: number;
  /** An instance is ejected for baseEjectionMs x the number of times it has been ejected. */
  baseEjectionMs: number;
  /** Ejecting is allowed while fewer than this share of instances is ejected (so at least one). */
  maxEjectionPercent: number;
  /** Below this share of usable instances, balance over all of them (Envoy's panic mode). */
  panicThresholdPercent: number;
}

export interface RoutePolicy {
  splits: Split[];
  /** Whole call, every attempt and backoff included, until the response headers. */
  timeoutMs: number;
  /** One attempt; below timeoutMs so a retry still has time. */
  perTryTimeoutMs: number;
  retries: RetryPolicy;
  circuitBreaker: CircuitBreakerPolicy;
  outlierDetection: OutlierDetectionPolicy;
  loadBalancer: LoadBalancerKind;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type RoutePolicyInput = DeepPartial<RoutePolicy>;

/** What a caller gets when nobody configured a route: safe retries, no canary, round robin. */
export const DEFAULT_ROUTE_POLICY: RoutePolicy = Object.freeze({
  splits: [],
  timeoutMs: 15_000,
  perTryTimeoutMs: 5_000,
  retries: {
    max: 2,
    // 503 means "not handled, try elsewhere"; 502/504 may have been handled, so not by default.
    retryOn: ['connect-failure', 'retriable-status-codes'],
    retriableStatusCodes: [503],
    backoff: { baseMs: 25, maxMs: 250 },
    budget: { ratio: 0.2, minRetriesPerSecond: 10 },
  },
  circuitBreaker: { maxRequests: 1_024, maxPending: 1_024 },
  outlierDetection: {
    consecutive5xx: 5,
    intervalMs: 10_000,
    baseEjectionMs: 30_000,
    maxEjectionPercent: 10,
    panicThresholdPercent: 50,
  },
  loadBalancer: 'round-robin',
}) as RoutePolicy;

/** Fills every field the input leaves out with the default. */
export function withDefaults(input: RoutePolicyInput = {}): RoutePolicy {
  const d = DEFAULT_ROUTE_POLICY;
  const retries = input.retries ?? {};
  const timeoutMs = input.timeoutMs ?? d.timeoutMs;
  return {
    splits: (input.splits ?? d.splits).map((split) => ({ ...split })),
    timeoutMs,
    // A route that only shortens its timeout should not get a per-try timeout above it.
    perTryTimeoutMs: input.perTryTimeoutMs ?? Math.min(d.perTryTimeoutMs, timeoutMs),
    retries: {
      max: retries.max ?? d.retries.max,
      retryOn: [...(retries.retryOn ?? d.retries.retryOn)],
      retriableStatusCodes: [
        ...(retries.retriableStatusCodes ?? (retries.retryOn ? [] : d.retries.retriableStatusCodes)),
      ],
      backoff: { ...d.retries.backoff, ...(retries.backoff ?? {}) },
      budget: { ...d.retries.budget, ...(retries.budget ?? {}) },
    },
    circuitBreaker: { ...d.circuitBreaker, ...(input.circuitBreaker ?? {}) },
    outlierDetection: { ...d.outlierDetection, ...(input.outlierDetection ?? {}) },
    loadBalancer: input.loadBalancer ?? d.loadBalancer,
  };
}

/** Problems a schema cannot express (relations between fields). Empty when the policy is sound. */
export function routePolicyProblems(policy: RoutePolicy): string[] {
  const problems: string[] = [];
  if (policy.perTryTimeoutMs > policy.timeoutMs) problems.push('perTryTimeoutMs must not exceed timeoutMs');
  if (policy.retries.backoff.baseMs > policy.retries.backoff.maxMs) {
    problems.push('retries.backoff.baseMs must not exceed retries.backoff.maxMs');
  }
  if (policy.retries.retryOn.includes('retriable-status-codes') && policy.retries.retriableStatusCodes.length === 0) {
    problems.push('retryOn retriable-status-codes needs retries.retriableStatusCodes');
  }
  const names = new Set<string>();
  policy.splits.forEach((split, index) => {
    if (split.version === undefined && split.tag === undefined) problems.push(`splits/${index} needs a version or a tag`);
    const name = splitName(split, index);
    if (names.has(name)) problems.push(`splits/${index} repeats the name ${JSON.stringify(name)}`);
    names.add(name);
  });
  if (policy.splits.length > 0 && policy.splits.every((split) => split.weight === 0)) {
    problems.push('at least one split needs a weight above 0');
  }
  return problems;
}

/** A split's name: the one given, else derived from what it matches. */
export function splitName(split: Split, index: number): string {
  if (split.name) return split.name;
  const parts = [split.version !== undefined ? `version=${split.version}` : '', split.tag !== undefined ? `tag=${split.tag}` : ''];
  return parts.filter(Boolean).join(',') || `split-${index}`;
}
