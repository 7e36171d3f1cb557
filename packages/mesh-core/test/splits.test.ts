import { describe, expect, it } from 'vitest';
import { type Endpoint, effectiveWeights, pickGroup, planSplits, seededRandom, withDefaults } from '../src/index.js';

const endpoint = (instanceId: string, version: string, tags: string[] = [], weight = 100): Endpoint => ({
  instanceId,
  host: '127.0.0.1',
  port: 1,
  version,
  tags,
  weight,
});

const fleet = [endpoint('a1', '1.0.0'), endpoint('a2', '1.0.0'), endpoint('a3', '1.0.0'), endpoint('b1', '2.0.0', ['canary'])];

describe('splits', () => {
  it('a 90/10 split over 10,000 picks lands within ±2%', () => {
    const plan = planSplits(fleet, [
      { name: 'stable', version: '1.0.0', weight: 90 },
      { name: 'canary', tag: 'canary', weight: 10 },
    ]);
    const random = seededRandom(42);
    const counts: Record<string, number> = { stable: 0, canary: 0 };
    for (let i = 0; i < 10_000; i += 1) counts[pickGroup(plan.groups, random)!.name]! += 1;
    expect(Math.abs(counts.stable! / 10_000 - 0.9)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(counts.canary! / 10_000 - 0.1)).toBeLessThanOrEqual(0.02);
  });

  it('puts an instance in the first split it matches and gives empty splits share to the rest', () => {
    const plan = planSplits(fleet, [
      { name: 'canary', version: '2.0.0', tag: 'canary', weight: 10 },
      { name: 'stable', weight: 80, version: '1.0.0' },
      { name: 'next', version: '3.0.0', weight: 10 },
    ]);
    expect(plan.groups.map((g) => [g.name, g.endpoints.map((e) => e.instanceId)])).toEqual([
      ['canary', ['b1']],
      ['stable', ['a1', 'a2', 'a3']],
    ]);
    expect(plan.empty).toEqual(['next']);
    const weights = effectiveWeights(plan, false);
    const percent = Object.fromEntries(weights.map((w) => [w.endpoint.instanceId, w.percent]));
    expect(percent.b1).toBeCloseTo(100 / 9, 6);
    expect(percent.a1).toBeCloseTo((100 * 8) / 9 / 3, 6);
    expect(weights.reduce((sum, w) => sum + w.percent, 0)).toBeCloseTo(100, 9);
    expect(weights.find((w) => w.endpoint.instanceId === 'a1')!.split).toBe('stable');
  });

  it('falls back to every instance when no split matches, and weighs by instance weight for the weighted balancer', () => {
    const plan = planSplits(fleet, [{ version: '9.9.9', weight: 1 }]);
    expect(plan.fallback).toBe(true);
    expect(plan.groups[0]!.endpoints).toHaveLength(4);

    const mixed = [endpoint('x', '1', [], 300), endpoint('y', '1', [], 100)];
    const weights = effectiveWeights(planSplits(mixed, []), true);
    expect(weights.map((w) => [w.endpoint.instanceId, w.percent, w.split])).toEqual([
      ['x', 75, null],
      ['y', 25, null],
    ]);
  });

  it('fills defaults and keeps a per-try timeout under a shortened timeout', () => {
    const policy = withDefaults({ timeoutMs: 1_000, retries: { max: 4 } });
    expect(policy.perTryTimeoutMs).toBe(1_000);
    expect(policy.retries).toMatchObject({ max: 4, retryOn: ['connect-failure', 'retriable-status-codes'], retriableStatusCodes: [503] });
    expect(policy.retries.backoff).toEqual({ baseMs: 25, maxMs: 250 });
    expect(withDefaults({ retries: { retryOn: ['5xx'] } }).retries.retriableStatusCodes).toEqual([]);
  });
});
