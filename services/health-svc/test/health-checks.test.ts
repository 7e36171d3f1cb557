import { type ChildProcessHandle, freePort, startProcess, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthEventPage } from '../src/schemas.js';
import {
  instanceHealth,
  json,
  putSettings,
  registerInstance,
  serviceHealth,
  setTargetStatus,
  startRegistryProcess,
  startTargets,
  startTestHealth,
  TARGET_SERVER,
  type TestHealth,
  testEnv,
  waitForStatus,
} from './helpers.js';

// registry-svc and the checked instances are real processes; health-svc runs in this process so
// the test can read its records, with its checker following the registry over HTTP.
let registry: { process: ChildProcessHandle; url: string };
let health: TestHealth;
const targets: ChildProcessHandle[] = [];

beforeAll(async () => {
  const env = testEnv();
  registry = await startRegistryProcess(env);
  health = await startTestHealth({ ...env, REGISTRY_URL: registry.url, INSTANCE_ID: 'health-solo', REPLICA_TTL_MS: '1500' });
});
afterAll(async () => {
  // The registry goes first: its draining answers health-svc's pending long-poll, so it stops
  // at once (a registry whose long-poll client vanished mid-poll waits out its shutdown grace).
  await Promise.all([registry?.process.stop(), ...targets.map((target) => target.stop())]);
  await health?.close();
});

async function changesSince(service: string, afterRevision: number): Promise<HealthEventPage> {
  return json<HealthEventPage>(
    await fetch(`${health.url}/v1/health/services/${service}/watch?afterRevision=${afterRevision}&timeoutSeconds=0`),
  );
}

describe('HTTP checks against a real process', () => {
  it('turn a killed instance critical within interval x failuresBeforeCritical, and passing again after successBeforePassing checks once restarted', async () => {
    const interval = 1_000;
    const failuresBeforeCritical = 3;
    const successBeforePassing = 2;
    await putSettings(health.url, 'web', {
      type: 'http',
      intervalMs: interval,
      timeoutMs: 500,
      successBeforePassing,
      failuresBeforeWarning: 1,
      failuresBeforeCritical,
      flapThreshold: 0,
    });
    const port = await freePort();
    let target = await startTargets([port]);
    await registerInstance(registry.url, 'web', 'web-1', { port });
    await waitForStatus(health.url, 'web', 'web-1', 'passing');
    const before = (await changesSince('web', 0)).revision;

    const killedAt = Date.now();
    await target.kill();
    const critical = await waitForStatus(health.url, 'web', 'web-1', 'critical');
    const becameCriticalAfter = Date.parse(critical.criticalSince!) - killedAt;
    // The checks land at slot starts: the 3rd failed one at most 3 intervals after the kill
    // (a little slack for timers on a busy machine).
    expect(becameCriticalAfter).toBeLessThanOrEqual(interval * failuresBeforeCritical + 750);
    expect(critical.output).toMatch(/ECONNREFUSED/);
    expect(critical.lastCheckedBy).toBe('health-solo');

    const down = (await changesSince('web', before)).events;
    expect(down.map((event) => [event.data.previousStatus, event.data.health?.status])).toEqual([
      ['passing', 'warning'],
      ['warning', 'critical'],
    ]);
    expect(down[1]!.data.health!.streak.failures).toBe(failuresBeforeCritical);
    const atCritical = down[1]!.revision;

    const restartedAt = Date.now();
    target = await startProcess({ command: process.execPath, args: [TARGET_SERVER], env: { PORTS: String(port) } });
    targets.push(target);
    const passing = await waitForStatus(health.url, 'web', 'web-1', 'passing');
    expect(Date.parse(passing.statusSince) - restartedAt).toBeLessThanOrEqual(interval * (successBeforePassing + 1) + 750);
    const up = (await changesSince('web', atCritical)).events;
    expect(up.map((event) => [event.data.previousStatus, event.data.health?.status])).toEqual([['critical', 'passing']]);
    // It took exactly successBeforePassing good checks, not one.
    expect(up[0]!.data.health!.streak).toEqual({ successes: successBeforePassing, failures: 0 });
  });

  it('reads 429 as warning and 5xx as critical', async () => {
    await putSettings(health.url, 'busy', {
      type: 'http',
      intervalMs: 300,
      timeoutMs: 200,
      successBeforePassing: 1,
      failuresBeforeWarning: 1,
      failuresBeforeCritical: 1,
      flapThreshold: 0,
    });
    const port = await freePort();
    targets.push(await startTargets([port]));
    await registerInstance(registry.url, 'busy', 'busy-1', { port });
    await waitForStatus(health.url, 'busy', 'busy-1', 'passing');
    await setTargetStatus(port, port, 429);
    const warning = await waitForStatus(health.url, 'busy', 'busy-1', 'warning');
    expect(warning.output).toMatch(/: 429 Too Many Requests/);
    expect((await serviceHealth(health.url, 'busy')).code).toBe(429);
    await setTargetStatus(port, port, 500);
    await waitForStatus(health.url, 'busy', 'busy-1', 'critical');
    expect((await serviceHealth(health.url, 'busy')).code).toBe(503);
  });

  it('checks TCP reachability when the service asks for tcp', async () => {
    await putSettings(health.url, 'raw-tcp', {
      type: 'tcp',
      intervalMs: 300,
      timeoutMs: 200,
      successBeforePassing: 1,
      failuresBeforeCritical: 1,
      flapThreshold: 0,
    });
    const open = await freePort();
    const closed = await freePort();
    targets.push(await startTargets([open]));
    await registerInstance(registry.url, 'raw-tcp', 'open', { port: open, healthPath: '/nowhere' });
    await registerInstance(registry.url, 'raw-tcp', 'closed', { port: closed });
    const passing = await waitForStatus(health.url, 'raw-tcp', 'open', 'passing');
    expect(passing).toMatchObject({ checkType: 'tcp', output: expect.stringMatching(/TCP connect 127\.0\.0\.1:\d+: Success/) });
    const critical = await waitForStatus(health.url, 'raw-tcp', 'closed', 'critical');
    await waitFor(async () => (await instanceHealth(health.url, 'raw-tcp', 'closed'))?.lastCheckAt ?? undefined);
    expect((await instanceHealth(health.url, 'raw-tcp', 'closed'))!.output).toMatch(/ECONNREFUSED/);
    expect(critical.checkType).toBe('tcp');
  });
});

describe('following the registry', () => {
  it('forgets an instance as soon as it leaves the registry (one removed event)', async () => {
    await putSettings(health.url, 'leaving', { intervalMs: 500, timeoutMs: 200 });
    const port = await freePort();
    targets.push(await startTargets([port]));
    await registerInstance(registry.url, 'leaving', 'l-1', { port });
    await waitForStatus(health.url, 'leaving', 'l-1', 'passing');
    const start = (await changesSince('leaving', 0)).revision;
    const deleted = await fetch(`${registry.url}/v1/services/leaving/instances/l-1`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await waitFor(async () => (await instanceHealth(health.url, 'leaving', 'l-1')) === undefined, { timeoutMs: 10_000 });
    const events = (await changesSince('leaving', start)).events;
    expect(events.map((event) => event.type)).toEqual(['removed']);
    expect(events[0]!.data).toMatchObject({ instanceId: 'l-1', previousStatus: 'passing', health: null });
  });

  it('deregisters an instance critical for longer than deregisterCriticalAfterMs', async () => {
    await putSettings(health.url, 'doomed', {
      intervalMs: 300,
      timeoutMs: 200,
      failuresBeforeCritical: 1,
      deregisterCriticalAfterMs: 1_000,
    });
    const nobodyListens = await freePort();
    await registerInstance(registry.url, 'doomed', 'd-1', { port: nobodyListens });
    await waitForStatus(health.url, 'doomed', 'd-1', 'critical');
    await waitFor(
      async () => {
        const listed = await json<{ instances: unknown[] }>(await fetch(`${registry.url}/v1/services/doomed/instances`));
        return listed.instances.length === 0;
      },
      { timeoutMs: 15_000, message: 'doomed/d-1 to be deregistered' },
    );
    await waitFor(async () => (await instanceHealth(health.url, 'doomed', 'd-1')) === undefined, { timeoutMs: 10_000 });
  });
});
