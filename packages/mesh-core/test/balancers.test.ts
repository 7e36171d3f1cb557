import { describe, expect, it } from 'vitest';
import {
  type Endpoint,
  EndpointStats,
  LeastConnectionsBalancer,
  P2cEwmaBalancer,
  RoundRobinBalancer,
  seededRandom,
  WeightedBalancer,
} from '../src/index.js';

const endpoint = (instanceId: string, weight = 100): Endpoint => ({ instanceId, host: 'h', port: 1, version: '1', tags: [], weight });
const pool = [endpoint('a'), endpoint('b'), endpoint('c')];

function tally(pick: () => Endpoint, n: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i += 1) {
    const id = pick().instanceId;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

describe('balancers', () => {
  it('round robin takes each instance in turn', () => {
    const balancer = new RoundRobinBalancer();
    expect([1, 2, 3, 4, 5, 6].map(() => balancer.pick(pool).instanceId)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('weighted follows registry weights exactly and interleaves them', () => {
    const balancer = new WeightedBalancer();
    const weighted = [endpoint('a', 500), endpoint('b', 300), endpoint('c', 200), endpoint('zero', 0)];
    const picks = Array.from({ length: 10 }, () => balancer.pick(weighted).instanceId);
    expect(picks.filter((id) => id === 'a')).toHaveLength(5);
    expect(picks.filter((id) => id === 'b')).toHaveLength(3);
    expect(picks).not.toContain('zero');
    expect(picks.slice(0, 3)).not.toEqual(['a', 'a', 'a']);
  });

  it('least connections avoids busy instances', () => {
    const stats = new EndpointStats();
    stats.begin('a');
    stats.begin('a');
    stats.begin('b');
    const balancer = new LeastConnectionsBalancer(stats, seededRandom(1));
    expect(tally(() => balancer.pick(pool), 100)).toEqual({ c: 100 });
  });

  it('p2c over peak EWMA sends most traffic to the fast instance and still probes the others', () => {
    let now = 0;
    const stats = new EndpointStats({ now: () => now });
    for (let i = 0; i < 20; i += 1) {
      now += 10;
      stats.begin('a')(5);
      stats.begin('b')(200);
      stats.begin('c')(200);
    }
    const balancer = new P2cEwmaBalancer(stats, seededRandom(7));
    const counts = tally(() => balancer.pick(pool), 3_000);
    // 'a' wins every pair it is drawn into: 2/3 of the draws.
    expect(counts.a! / 3_000).toBeGreaterThan(0.6);
    expect((counts.b ?? 0) + (counts.c ?? 0)).toBeGreaterThan(0);
  });

  it('peak EWMA jumps up at once and decays toward new values', () => {
    let now = 0;
    const stats = new EndpointStats({ now: () => now, decayMs: 1_000 });
    stats.begin('a')(10);
    now += 100;
    stats.begin('a')(500);
    expect(stats.latency('a')).toBe(500);
    now += 1_000;
    stats.begin('a')(10);
    expect(stats.latency('a')).toBeLessThan(200);
  });
});
