import { isRedisUnavailable } from '@trellis/redis-core';
import { HttpProblem, thenOrNow } from '@trellis/service-kit';
import type { Definitions } from './definitions.js';
import type { DenyCache } from './deny-cache.js';
import type { LimitsStore, PolicyParams, RawPolicyResult } from './limits-store.js';
import { BURST_ALGORITHMS, type Decision, type DecisionSource, type Policy, type PolicyDecision, type PolicyState } from './schemas.js';

/** What a closed policy tells clients to wait while Redis is unreachable. */
const FAIL_CLOSED_RETRY_MS = 1_000;

export function capacityOf(policy: Policy): number {
  return policy.limit + (BURST_ALGORITHMS.includes(policy.algorithm) ? policy.burst : 0);
}

function params(policy: Policy): PolicyParams {
  return {
    name: policy.name,
    algorithm: policy.algorithm,
    limit: policy.limit,
    windowSeconds: policy.windowSeconds,
    burst: BURST_ALGORITHMS.includes(policy.algorithm) ? policy.burst : 0,
    chargeRejected: policy.chargeRejected,
    shadow: policy.shadow,
  };
}

function toPolicyDecision(policy: Policy, raw: RawPolicyResult): PolicyDecision {
  return {
    policy: policy.name,
    algorithm: policy.algorithm,
    allowed: !raw.limited || policy.shadow,
    limited: raw.limited,
    shadow: policy.shadow,
    charged: raw.charged,
    limit: raw.capacity,
    windowSeconds: policy.windowSeconds,
    remaining: raw.remaining,
    resetAfterMs: raw.resetAfterMs,
    retryAfterMs: raw.retryAfterMs,
    blockedForMs: raw.blockedMs,
    failMode: policy.failMode,
  };
}

/**
 * The most restrictive result: among enforced denials the one with the longest wait; when
 * nothing denies, the one with least remaining (then the later reset). Shadow results count
 * only when every policy is a shadow one.
 */
function mostRestrictive(results: PolicyDecision[]): PolicyDecision {
  const enforced = results.filter((r) => !r.shadow);
  const pool = enforced.length > 0 ? enforced : results;
  const denying = pool.filter((r) => !r.allowed);
  if (denying.length > 0) return denying.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
  return pool.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.resetAfterMs > a.resetAfterMs) ? b : a,
  );
}

export function summarize(results: PolicyDecision[], source: DecisionSource, serverTimeMs: number): Decision {
  const top = mostRestrictive(results);
  const allowed = results.every((r) => r.allowed);
  return {
    allowed,
    limited: results.some((r) => r.limited),
    policy: top.policy,
    limit: top.limit,
    remaining: top.remaining,
    resetAfterMs: top.resetAfterMs,
    retryAfterMs: allowed ? 0 : top.retryAfterMs,
    source,
    serverTimeMs,
    results,
  };
}

/** Throws 422 for a cost that no state of some policy could ever admit. */
function admissible(policies: Policy[], cost: number): Policy[] {
  for (const policy of policies) {
    const capacity = capacityOf(policy);
    if (cost > capacity) {
      throw new HttpProblem(
        422,
        'COST_EXCEEDS_LIMIT',
        `cost ${cost} can never be admitted by policy ${policy.name}, which admits at most ${capacity} at once`,
      );
    }
  }
  return policies;
}

/** Rate-limit decisions: the in-process denial cache, then ONE script, then failMode. */
export class RateLimitService {
  constructor(
    private readonly store: LimitsStore,
    private readonly definitions: Definitions,
    private readonly denials: DenyCache,
  ) {}

  /** The policies, straight from the cache when it holds them all (the usual case): no promise. */
  private resolve(names: string[], cost: number): Policy[] | Promise<Policy[]> {
    const cached: Policy[] = [];
    for (const name of names) {
      const policy = this.definitions.cachedPolicy(name);
      if (policy === undefined) {
        return Promise.all(names.map((each) => this.definitions.policy(each))).then((policies) => admissible(policies, cost));
      }
      cached.push(policy);
    }
    return admissible(cached, cost);
  }

  /**
   * The decision on one call. A subject this instance knows to be over a limit is answered at
   * once, without Redis and without a promise (the hot refusal path); anything else after ONE
   * script. Unknown policies and impossible costs throw (synchronously when the cache answers).
   */
  check(names: string[], subject: string, cost: number): Decision | Promise<Decision> {
    return thenOrNow(this.resolve(names, cost), (policies) => this.cachedDenial(policies, subject, cost) ?? this.decide(policies, subject, cost));
  }

  private cachedDenial(policies: Policy[], subject: string, cost: number): Decision | undefined {
    const cached = policies
      .map((policy) => this.denials.lookup(policy, subject, cost))
      .filter((d): d is PolicyDecision => d !== undefined);
    return cached.length > 0 ? summarize(cached, 'cache', Date.now()) : undefined;
  }

  private async decide(policies: Policy[], subject: string, cost: number): Promise<Decision> {
    let raw: Awaited<ReturnType<LimitsStore['check']>>;
    try {
      raw = await this.store.check(subject, policies.map(params), cost, 'check');
    } catch (error) {
      if (isRedisUnavailable(error)) return this.failMode(policies);
      throw error;
    }
    const results = policies.map((policy, i) => toPolicyDecision(policy, raw.results[i]!));
    results.forEach((result, i) => {
      this.denials.remember(policies[i]!, subject, cost, result);
    });
    return summarize(results, 'redis', raw.nowMs);
  }

  /** Redis is unreachable: each policy answers with its failMode, shadow ones admit. */
  private failMode(policies: Policy[]): Decision {
    const results = policies.map((policy): PolicyDecision => {
      const closed = policy.failMode === 'closed';
      return {
        policy: policy.name,
        algorithm: policy.algorithm,
        allowed: !closed || policy.shadow,
        limited: closed,
        shadow: policy.shadow,
        charged: 0,
        limit: capacityOf(policy),
        windowSeconds: policy.windowSeconds,
        remaining: closed ? 0 : capacityOf(policy),
        resetAfterMs: closed ? FAIL_CLOSED_RETRY_MS : 0,
        retryAfterMs: closed ? FAIL_CLOSED_RETRY_MS : 0,
        blockedForMs: 0,
        failMode: policy.failMode,
      };
    });
    const allowed = results.every((r) => r.allowed);
    return summarize(results, allowed ? 'fail-open' : 'fail-closed', Date.now());
  }

  async peek(name: string, subject: string, cost: number): Promise<PolicyState> {
    const [policy] = await this.resolve([name], cost);
    const raw = await this.store.check(subject, [params(policy!)], cost, 'peek');
    return { key: subject, ...toPolicyDecision(policy!, raw.results[0]!) };
  }

  async reset(name: string, subject: string): Promise<void> {
    const policy = await this.definitions.policy(name);
    await this.store.reset(subject, params(policy));
    this.denials.forget(policy, subject);
  }

  /** Penalty (positive) consumes points; reward (negative) gives them back. */
  async adjust(name: string, subject: string, delta: number): Promise<PolicyState> {
    const policy = await this.definitions.policy(name);
    const { result } = await this.store.adjust(subject, params(policy), delta);
    if (delta < 0) this.denials.forget(policy, subject);
    return { key: subject, ...toPolicyDecision(policy, result) };
  }

  async block(name: string, subject: string, durationMs: number): Promise<PolicyState> {
    const policy = await this.definitions.policy(name);
    const { result } = await this.store.block(subject, params(policy), durationMs);
    return { key: subject, ...toPolicyDecision(policy, result) };
  }

  async unblock(name: string, subject: string): Promise<boolean> {
    const policy = await this.definitions.policy(name);
    const removed = await this.store.unblock(subject, params(policy));
    this.denials.forget(policy, subject);
    return removed;
  }
}
