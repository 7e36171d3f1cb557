import { type Balancer, createBalancer } from './balancers/index.js';
import { ConcurrencyLimiter, OverflowError } from './circuit-breaker.js';
import type { Endpoint, RandomSource } from './endpoint.js';
import { EndpointStats } from './endpoint-stats.js';
import { OutlierDetector } from './outlier-detector.js';
import { RetryBudget } from './retry-budget.js';
import { type AttemptOutcome, backoffDelayMs, isFailure, isRetriable } from './retry-policy.js';
import type { LoadBalancerKind, RoutePolicy } from './route.js';
import { pickGroup, planSplits, type SplitGroup } from './splits.js';

/** How a failed attempt's error is read: only the transport knows its error codes. */
export type TransportErrorKind = 'connect-failure' | 'reset';

export interface CallRequest<E extends Endpoint, R> {
  route: RoutePolicy;
  /** The healthy instances (registry + health-svc) to choose from. */
  endpoints: readonly E[];
  send(endpoint: E, signal: AbortSignal, attempt: number): Promise<R>;
  statusOf(response: R): number;
  /** Frees a response that will not be returned (its body is never read). */
  discard(response: R): void;
  classifyError(error: unknown): TransportErrorKind;
  /** The caller's own cancellation: never retried. */
  signal?: AbortSignal | undefined;
  onAttempt?: (attempt: AttemptReport<E>) => void;
}

export interface AttemptReport<E extends Endpoint> {
  attempt: number;
  endpoint: E;
  split: string;
  outcome: AttemptOutcome;
  latencyMs: number;
  ejected: boolean;
  panic: boolean;
}

export type CallFailure = 'no-endpoints' | 'overflow' | 'timeout' | 'connect-failure' | 'reset' | 'aborted';

export type CallResult<E extends Endpoint, R> =
  | { ok: true; response: R; status: number; endpoint: E; attempts: number }
  | { ok: false; reason: CallFailure; attempts: number; endpoint?: E | undefined; error?: unknown };

export interface MeshDestinationOptions {
  random?: RandomSource;
  /** Monotonic milliseconds. */
  now?: () => number;
}

/**
 * Everything one caller keeps about one destination service, and the call loop that applies a
 * route to it: split choice, outlier filtering (with panic), balancing, per-try and overall
 * timeouts, retries with fully jittered backoff within a retry budget, and circuit breaking.
 * The transport is a parameter, so the embedded client (fetch) and mesh-svc's proxy (undici)
 * run the same policy.
 */
export class MeshDestination {
  readonly stats: EndpointStats;
  readonly outliers: OutlierDetector;
  readonly limiter = new ConcurrencyLimiter();
  readonly budget: RetryBudget;
  private readonly random: RandomSource;
  private readonly now: () => number;
  private readonly balancers = new Map<string, { kind: LoadBalancerKind; balancer: Balancer }>();

  constructor(options: MeshDestinationOptions = {}) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => performance.now());
    this.stats = new EndpointStats({ now: this.now });
    this.outliers = new OutlierDetector(this.now);
    this.budget = new RetryBudget({ now: this.now });
  }

  private balancerFor(group: string, kind: LoadBalancerKind): Balancer {
    const existing = this.balancers.get(group);
    if (existing && existing.kind === kind) return existing.balancer;
    const balancer = createBalancer(kind, this.stats, this.random);
    this.balancers.set(group, { kind, balancer });
    return balancer;
  }

  /** Chooses the split group for a call (retries stay in it, like Envoy's weighted clusters). */
  chooseGroup<E extends Endpoint>(route: RoutePolicy, endpoints: readonly E[]): SplitGroup<E> | undefined {
    return pickGroup(planSplits(endpoints, route.splits).groups, this.random);
  }

  /** Chooses an instance of the group, avoiding ejected ones and, when possible, ones already tried. */
  chooseEndpoint<E extends Endpoint>(route: RoutePolicy, group: SplitGroup<E>, tried: ReadonlySet<string> = new Set()) {
    const { endpoints, panic } = this.outliers.filter(group.endpoints, route.outlierDetection);
    const fresh = endpoints.filter((endpoint) => !tried.has(endpoint.instanceId));
    const candidates = fresh.length > 0 ? fresh : endpoints;
    return { endpoint: this.balancerFor(group.name, route.loadBalancer).pick(candidates), panic };
  }

  async call<E extends Endpoint, R>(request: CallRequest<E, R>): Promise<CallResult<E, R>> {
    const { route } = request;
    const group = this.chooseGroup(route, request.endpoints);
    if (!group || group.endpoints.length === 0) return { ok: false, reason: 'no-endpoints', attempts: 0 };
    const hostIds = request.endpoints.map((endpoint) => endpoint.instanceId);
    this.budget.deposit();

    const started = this.now();
    const deadline = started + route.timeoutMs;
    const overall = new AbortController();
    let timedOut = false;
    const overallTimer = setTimeout(() => {
      timedOut = true;
      overall.abort(new Error('route timeout'));
    }, route.timeoutMs);
    const onCallerAbort = () => overall.abort(request.signal?.reason);
    if (request.signal?.aborted) onCallerAbort();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const stopped = (): CallFailure => (timedOut ? 'timeout' : 'aborted');

    let release: (() => void) | undefined;
    try {
      try {
        release = await this.limiter.acquire(route.circuitBreaker, overall.signal);
      } catch (error) {
        if (error instanceof OverflowError) return { ok: false, reason: 'overflow', attempts: 0, error };
        return { ok: false, reason: stopped(), attempts: 0, error };
      }
      const tried = new Set<string>();
      for (let attempt = 1; ; attempt += 1) {
        const { endpoint, panic } = this.chooseEndpoint(route, group, tried);
        tried.add(endpoint.instanceId);
        const attemptResult = await this.attempt(request, endpoint, attempt, deadline, overall.signal);
        const { outcome } = attemptResult;
        // A call the caller cancelled says nothing about the instance.
        const cancelled = overall.signal.aborted && !timedOut;
        const ejected = cancelled ? false : this.outliers.record(endpoint.instanceId, isFailure(outcome), route.outlierDetection, hostIds);
        request.onAttempt?.({ attempt, endpoint, split: group.name, outcome, latencyMs: attemptResult.latencyMs, ejected, panic });
        if (overall.signal.aborted && outcome.kind !== 'response') {
          return { ok: false, reason: stopped(), attempts: attempt, endpoint, error: attemptResult.error };
        }

        const delay = backoffDelayMs(attempt, route.retries.backoff, this.random);
        const retry =
          attempt <= route.retries.max &&
          isRetriable(outcome, route.retries) &&
          this.now() + delay < deadline &&
          this.budget.withdraw(route.retries.budget);
        if (!retry) {
          if (attemptResult.response !== undefined) {
            return { ok: true, response: attemptResult.response, status: (outcome as { status: number }).status, endpoint, attempts: attempt };
          }
          return { ok: false, reason: outcome.kind as CallFailure, attempts: attempt, endpoint, error: attemptResult.error };
        }
        if (attemptResult.response !== undefined) request.discard(attemptResult.response);
        await sleep(delay, overall.signal);
        if (overall.signal.aborted) return { ok: false, reason: stopped(), attempts: attempt, endpoint };
      }
    } finally {
      clearTimeout(overallTimer);
      request.signal?.removeEventListener('abort', onCallerAbort);
      release?.();
    }
  }

  private async attempt<E extends Endpoint, R>(
    request: CallRequest<E, R>,
    endpoint: E,
    attempt: number,
    deadline: number,
    overall: AbortSignal,
  ): Promise<{ outcome: AttemptOutcome; latencyMs: number; response?: R; error?: unknown }> {
    const perTry = new AbortController();
    let perTryTimedOut = false;
    const budgetMs = Math.max(1, Math.min(request.route.perTryTimeoutMs, deadline - this.now()));
    const timer = setTimeout(() => {
      perTryTimedOut = true;
      perTry.abort(new Error('per-try timeout'));
    }, budgetMs);
    const onOverall = () => perTry.abort(overall.reason);
    if (overall.aborted) onOverall();
    overall.addEventListener('abort', onOverall, { once: true });
    const end = this.stats.begin(endpoint.instanceId);
    const started = this.now();
    try {
      const response = await request.send(endpoint, perTry.signal, attempt);
      const latencyMs = this.now() - started;
      end(latencyMs);
      return { outcome: { kind: 'response', status: request.statusOf(response) }, latencyMs, response };
    } catch (error) {
      const latencyMs = this.now() - started;
      // A slow instance must look slow to p2c-ewma, so a timeout counts its full wait.
      end(perTryTimedOut ? latencyMs : undefined);
      if (perTryTimedOut) return { outcome: { kind: 'timeout' }, latencyMs, error };
      if (overall.aborted) return { outcome: { kind: 'reset' }, latencyMs, error };
      return { outcome: { kind: request.classifyError(error) }, latencyMs, error };
    } finally {
      clearTimeout(timer);
      overall.removeEventListener('abort', onOverall);
    }
  }

  /** Forgets per-instance state of instances that left the pool. */
  retain(ids: Iterable<string>): void {
    const list = [...ids];
    this.stats.retain(list);
    this.outliers.retain(list);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
