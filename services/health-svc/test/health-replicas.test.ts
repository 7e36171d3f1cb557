import { type ChildProcessHandle, freePort, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  putSettings,
  registerInstance,
  serviceHealth,
  startHealthProcess,
  startRegistryProcess,
  startTargets,
  type TargetCheck,
  targetStats,
  testEnv,
} from './helpers.js';

const INTERVAL = 1_000;
const INSTANCES = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every check request an instance received has its own slot: no slot was checked twice. */
function expectOneCheckPerSlot(stats: Record<string, TargetCheck[]>): void {
  for (const [port, checks] of Object.entries(stats)) {
    const slots = checks.map((check) => check.slot);
    expect(slots.every((slot) => /^\d+$/.test(slot)), `port ${port} slot headers`).toBe(true);
    expect(new Set(slots).size, `port ${port}: ${JSON.stringify(checks)}`).toBe(slots.length);
    // Slots are the instance's intervals, a whole number of intervals apart (requests of adjacent
    // slots may still arrive out of order).
    const numbers = slots.map(Number).sort((x, y) => x - y);
    for (let i = 1; i < numbers.length; i += 1) {
      expect(numbers[i]! - numbers[i - 1]!, `port ${port}`).toBeGreaterThanOrEqual(INTERVAL);
      expect((numbers[i]! - numbers[i - 1]!) % INTERVAL, `port ${port}`).toBe(0);
    }
  }
}

describe('two health-svc replicas sharing one Redis', () => {
  const env = testEnv({ REPLICA_TTL_MS: '1500', REGISTRATION_TTL_SECONDS: '5' });
  let registry: { process: ChildProcessHandle; url: string };
  let a: { process: ChildProcessHandle; url: string };
  let b: { process: ChildProcessHandle; url: string };
  let targets: ChildProcessHandle;
  const ports: number[] = [];

  beforeAll(async () => {
    registry = await startRegistryProcess(env);
    const replicaEnv = { ...env, REGISTRY_URL: registry.url };
    [a, b] = await Promise.all([startHealthProcess(replicaEnv, 'health-a'), startHealthProcess(replicaEnv, 'health-b')]);
    for (let i = 0; i < INSTANCES; i += 1) ports.push(await freePort());
    targets = await startTargets(ports);
  });
  afterAll(async () => {
    await registry?.process.stop();
    await Promise.all([a?.process.stop(), b?.process.stop(), targets?.stop()]);
  });

  it('check each instance exactly once per interval between them, and the survivor takes over a killed replica within an interval', async () => {
    await putSettings(a.url, 'fleet', {
      type: 'http',
      intervalMs: INTERVAL,
      timeoutMs: 500,
      successBeforePassing: 1,
      failuresBeforeWarning: 2,
      failuresBeforeCritical: 3,
      flapThreshold: 0,
    });
    await Promise.all(ports.map((port, i) => registerInstance(registry.url, 'fleet', `fleet-${i}`, { port })));
    await waitFor(
      async () => {
    const { code, body } = await serviceHealth(b.url, 'fleet');
        return code === 200 && body.counts.passing === INSTANCES;
      },
      { timeoutMs: 20_000, message: 'every fleet instance passing' },
    );

    // Both replicas at work for a while.
    await sleep(6 * INTERVAL);
    const shared = await targetStats(ports[0]!);
    expectOneCheckPerSlot(shared);
    const checkers = new Set(Object.values(shared).flatMap((checks) => checks.map((check) => check.checker)));
    expect([...checkers].sort()).toEqual(['health-a', 'health-b']);
    // Seen from the instances alone (no header needed): once settled, checks come an interval apart.
    const settledFrom = Date.now() - 4 * INTERVAL;
    for (const checks of Object.values(shared)) {
      const times = checks.map((check) => check.at).filter((at) => at >= settledFrom);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThan(INTERVAL * 0.3);
      expect(times.length).toBeLessThanOrEqual(5);
    }

    // A dies without a word: no deregistration, no goodbye to its peers.
    const killedAt = Date.now();
    await a.process.kill();
    await sleep(5 * INTERVAL);
    const after = await targetStats(ports[0]!);
    expectOneCheckPerSlot(after);
    for (const [port, checks] of Object.entries(after)) {
      const later = checks.filter((check) => check.at > killedAt + 100);
      expect(later.every((check) => check.checker === 'health-b'), `port ${port}`).toBe(true);
      // Picked up by the next interval (plus the takeover step and a busy machine's slack).
      expect(later[0]!.at - killedAt, `port ${port}`).toBeLessThanOrEqual(2 * INTERVAL + 500);
      // And checked every interval since.
      expect(later.length, `port ${port}`).toBeGreaterThanOrEqual(4);
    }
    const { code, body } = await serviceHealth(b.url, 'fleet');
    expect(code).toBe(200);
    expect(body.counts.passing).toBe(INSTANCES);
  });
});
