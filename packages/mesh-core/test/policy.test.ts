import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  ConcurrencyLimiter,
  type Endpoint,
  isRetriable,
  OutlierDetector,
  OverflowError,
  RetryBudget,
  seededRandom,
  withDefaults,
} from '../src/index.js';

const endpoint = (instanceId: string): Endpoint => ({ instanceId, host: 'h', port: 1, version: '1', tags: [], weight: 100 });

describe('retry policy', () => {
  const defaults = withDefaults().retries;
  const fiveXx = withDefaults({ retries: { retryOn: ['5xx'] } }).retries;
  const gateway = withDefaults({ retries: { retryOn: ['gateway-error'] } }).retries;

  it('retries 503 and connect failures by default, never 400', () => {
    expect(isRetriable({ kind: 'response', status: 503 }, defaults)).toBe(true);
    expect(isRetriable({ kind: 'connect-failure' }, defaults)).toBe(true);
    expect(isRetriable({ kind: 'response', status: 400 }, defaults)).toBe(false);
    expect(isRetriable({ kind: 'response', status: 500 }, defaults)).toBe(false);
    expect(isRetriable({ kind: 'timeout' }, defaults)).toBe(false);
  });

  it('follows Envoy retry_on: 5xx, gateway-error', () => {
    expect(isRetriable({ kind: 'response', status: 500 }, fiveXx)).toBe(true);
    expect(isRetriable({ kind: 'reset' }, fiveXx)).toBe(true);
    expect(isRetriable({ kind: 'response', status: 429 }, fiveXx)).toBe(false);
    expect(isRetriable({ kind: 'response', status: 500 }, gateway)).toBe(false);
    expect(isRetriable({ kind: 'response', status: 504 }, gateway)).toBe(true);
    expect(isRetriable({ kind: 'timeout' }, gateway)).toBe(true);
    expect(isRetriable({ kind: 'connect-failure' }, gateway)).toBe(true);
  });

  it('backs off with full jitter between 0 and min(max, base x 2^(n-1))', () => {
    const random = seededRandom(3);
    const backoff = { baseMs: 25, maxMs: 250 };
    for (let retry = 1; retry <= 8; retry += 1) {
      const ceiling = Math.min(250, 25 * 2 ** (retry - 1));
      const delays = Array.from({ length: 200 }, () => backoffDelayMs(retry, backoff, random));
      expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.8);
    }
  });

  it('the retry budget allows ratio x requests plus the floor, and refills as the window slides', () => {
    let now = 0;
    const budget = new RetryBudget({ now: () => now, windowMs: 10_000 });
    const policy = { ratio: 0.2, minRetriesPerSecond: 0 };
    for (let i = 0; i < 100; i += 1) budget.deposit();
    let granted = 0;
    while (budget.withdraw(policy)) granted += 1;
    expect(granted).toBe(20);
    now += 11_000;
    expect(budget.withdraw(policy)).toBe(false);
    budget.deposit();
    budget.deposit();
    budget.deposit();
    budget.deposit();
    budget.deposit();
    expect(budget.withdraw(policy)).toBe(true);
    expect(budget.withdraw({ ratio: 0, minRetriesPerSecond: 1 })).toBe(true);
  });
});

describe('outlier detection', () => {
  const policy = withDefaults({ outlierDetection: { consecutive5xx: 5, baseEjectionMs: 1_000, intervalMs: 10_000, maxEjectionPercent: 50 } })
    .outlierDetection;
  const hosts = ['a', 'b', 'c', 'd'];

  it('ejects after 5 failures in a row, readmits after the ejection time, and ejects longer the next time', () => {
    let now = 0;
    const detector = new OutlierDetector(() => now);
    for (let i = 0; i < 4; i += 1) expect(detector.record('a', true, policy, hosts)).toBe(false);
    detector.record('a', false, policy, hosts);
    for (let i = 0; i < 4; i += 1) expect(detector.record('a', true, policy, hosts)).toBe(false);
    expect(detector.record('a', true, policy, hosts)).toBe(true);
    expect(detector.isEjected('a')).toBe(true);
    expect(detector.filter(hosts.map(endpoint), policy).endpoints.map((e) => e.instanceId)).toEqual(['b', 'c', 'd']);
    now += 1_000;
    expect(detector.isEjected('a')).toBe(false);
    for (let i = 0; i < 5; i += 1) detector.record('a', true, policy, hosts);
    now += 1_999;
    expect(detector.isEjected('a')).toBe(true);
    now += 1;
    expect(detector.isEjected('a')).toBe(false);
  });

  it('caps ejections at maxEjectionPercent (at least one) and panics below the threshold', () => {
    const now = 0;
    const detector = new OutlierDetector(() => now);
    const strict = { ...policy, maxEjectionPercent: 10 };
    for (const id of ['a', 'b']) for (let i = 0; i < 5; i += 1) detector.record(id, true, strict, hosts);
    expect(detector.ejected()).toEqual(['a']);

    const twoHosts = ['x', 'y'];
    for (const id of twoHosts) for (let i = 0; i < 5; i += 1) detector.record(id, true, { ...policy, maxEjectionPercent: 100 }, twoHosts);
    const filtered = detector.filter(twoHosts.map(endpoint), policy);
    expect(filtered.panic).toBe(true);
    expect(filtered.endpoints).toHaveLength(2);
  });
});

describe('circuit breaker', () => {
  it('admits maxRequests, queues maxPending, refuses the rest, and hands slots over in order', async () => {
    const limiter = new ConcurrencyLimiter();
    const policy = { maxRequests: 2, maxPending: 1 };
    const first = await limiter.acquire(policy);
    await limiter.acquire(policy);
    const queued = limiter.acquire(policy);
    await expect(limiter.acquire(policy)).rejects.toBeInstanceOf(OverflowError);
    expect(limiter.pending).toBe(1);
    first();
    await queued;
    expect(limiter.inFlight).toBe(2);
    expect(limiter.pending).toBe(0);
  });
});
