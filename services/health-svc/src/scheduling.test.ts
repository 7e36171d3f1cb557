import { describe, expect, it } from 'vitest';
import { hash32, rendezvousRank, takeoverStep } from './check-scheduler.js';
import { statusCode, worstStatus } from './health-model.js';
import { truncateUtf8 } from './health-service.js';
import { statusForHttpCode } from './probes.js';

const instances = Array.from({ length: 400 }, (_, i) => `svc/instance-${i}`);

describe('rendezvous ranking', () => {
  it('gives every instance exactly one first replica, spread across replicas', () => {
    const replicas = ['health-a', 'health-b', 'health-c'];
    const firsts = new Map<string, number>();
    for (const instance of instances) {
      const ranks = replicas.map((replica) => rendezvousRank(replicas, replica, instance));
      expect([...ranks].sort()).toEqual([0, 1, 2]);
      const first = replicas[ranks.indexOf(0)]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const replica of replicas) expect(firsts.get(replica)).toBeGreaterThan(80);
  });

  it('moves only the leaving replica’s instances when one goes', () => {
    const before = ['health-a', 'health-b', 'health-c'];
    const after = ['health-a', 'health-c'];
    for (const instance of instances) {
      const firstBefore = before.find((replica) => rendezvousRank(before, replica, instance) === 0);
      const firstAfter = after.find((replica) => rendezvousRank(after, replica, instance) === 0);
      if (firstBefore !== 'health-b') expect(firstAfter).toBe(firstBefore);
    }
  });

  it('hashes stably and staggers takeovers within the interval', () => {
    expect(hash32('svc/instance-1')).toBe(hash32('svc/instance-1'));
    expect(hash32('svc/instance-1')).not.toBe(hash32('svc/instance-2'));
    expect(takeoverStep(10_000)).toBe(1_250);
    expect(takeoverStep(100)).toBe(12);
    expect(takeoverStep(3_600_000)).toBe(2_000);
  });
});

describe('status rules', () => {
  it('map HTTP codes as Consul does', () => {
    expect([200, 204, 299, 429, 301, 404, 500, 503].map(statusForHttpCode)).toEqual([
      'passing',
      'passing',
      'passing',
      'warning',
      'critical',
      'critical',
      'critical',
      'critical',
    ]);
  });

  it('aggregate to the worst status, none counting as critical', () => {
    expect(worstStatus(['passing', 'passing'])).toBe('passing');
    expect(worstStatus(['passing', 'warning'])).toBe('warning');
    expect(worstStatus(['warning', 'maintenance'])).toBe('maintenance');
    expect(worstStatus(['maintenance', 'critical', 'passing'])).toBe('critical');
    expect(worstStatus([])).toBe('critical');
    expect(['passing', 'warning', 'maintenance', 'critical'].map((s) => statusCode(s as 'passing'))).toEqual([200, 429, 503, 503]);
  });

  it('bound output without splitting a character', () => {
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('ééé', 5)).toBe('éé');
    expect(Buffer.byteLength(truncateUtf8('€'.repeat(2_000)))).toBeLessThanOrEqual(4_096);
  });
});
