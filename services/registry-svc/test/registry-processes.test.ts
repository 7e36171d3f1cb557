import { type ChildProcessHandle, freePort, startProcess, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, SERVER, startRegistryProcess, testEnv } from './helpers.js';

interface EventPage {
  revision: number;
  events: { type: string; data: { service: string; instanceId: string } }[];
}

async function eventsSince(url: string, after: number): Promise<EventPage> {
  return (await fetch(`${url}/v1/watch?afterRevision=${after}&timeoutSeconds=0`)).json() as Promise<EventPage>;
}

async function discover(url: string, service: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/v1/services/${service}/instances`)).json()) as { instances: { instanceId: string }[] };
  return body.instances.map((i) => i.instanceId).sort();
}

describe('registry-svc processes sharing one Redis', () => {
  const env = testEnv();
  let a: ChildProcessHandle;
  let b: ChildProcessHandle;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    // Both register themselves (dogfooding) through replica A.
    [a, b] = await Promise.all([
      startRegistryProcess({ ...env, INSTANCE_ID: 'registry-a', REGISTRY_URL: urlA }, portA),
      startRegistryProcess({ ...env, INSTANCE_ID: 'registry-b', REGISTRY_URL: urlA }, portB),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  /** One more registry-svc process (registering itself through replica A unless told otherwise). */
  async function startAnother(instanceId: string, extraEnv: Record<string, string> = {}) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const service = await startProcess({
      command: process.execPath,
      args: [SERVER],
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', INSTANCE_ID: instanceId, REGISTRY_URL: urlA, ...extraEnv },
      readyUrl: `${url}/readyz`,
    });
    return { service, url };
  }

  it('agree: what registers through one is discovered through the other', async () => {
    await register(urlA, 'shared', 's1');
    await register(urlB, 'shared', 's2');
    expect(await discover(urlA, 'shared')).toEqual(['s1', 's2']);
    expect(await discover(urlB, 'shared')).toEqual(['s1', 's2']);
    await waitFor(async () => (await discover(urlB, 'registry-svc')).length === 2 || undefined, { timeoutMs: 5_000 });
    expect(await discover(urlB, 'registry-svc')).toEqual(['registry-a', 'registry-b']);
  });

  it('expire a silent instance within its TTL, with exactly one expired event', async () => {
    const start = (await eventsSince(urlA, 0)).revision;
    const registered = await register(urlA, 'crashy', 'c1', { ttlSeconds: 5 });
    const deadline = Date.parse(String(registered.body.leaseExpiresAt));
    // No heartbeat follows (as if the process was killed): it must be gone within the TTL.
    await waitFor(async () => (await discover(urlB, 'crashy')).length === 0 || undefined, { timeoutMs: 7_000, intervalMs: 100 });
    expect(Date.now()).toBeLessThan(deadline + 1_000);
    // Both reapers ran throughout; give them time to double-report if they could.
    await new Promise((r) => setTimeout(r, 1_000));
    const events = (await eventsSince(urlA, start)).events.filter((e) => e.data.instanceId === 'c1');
    expect(events.map((e) => e.type)).toEqual(['registered', 'expired']);
  });

  it('see a service-kit service appear after start and leave right after SIGTERM (deregistered, not expired)', async () => {
    const start = (await eventsSince(urlA, 0)).revision;
    // Any service built with service-kit registers itself; a third registry-svc is one.
    const { service } = await startAnother('kit-1', { REGISTRY_URL: urlB, REGISTRATION_TTL_SECONDS: '60' });
    await waitFor(async () => (await discover(urlA, 'registry-svc')).includes('kit-1') || undefined, { timeoutMs: 5_000 });
    const exitCode = await service.stop('SIGTERM');
    expect(exitCode, service.output()).toBe(0);
    // Gone at once: a 60 s lease that merely expired would still be listed.
    expect(await discover(urlA, 'registry-svc')).not.toContain('kit-1');
    const types = (await eventsSince(urlA, start)).events.filter((e) => e.data.instanceId === 'kit-1').map((e) => e.type);
    expect(types).toEqual(['registered', 'status', 'deregistered']);
  });

  it('log renewals at debug and a heartbeat to a lapsed lease at info', async () => {
    const { service, url } = await startAnother('log-1', { LOG_LEVEL: 'info' });
    await register(url, 'chatty', 'h1');
    const heartbeat = (id: string) => fetch(`${url}/v1/services/chatty/instances/${id}/heartbeat`, { method: 'PUT' }).then((r) => r.status);
    expect([await heartbeat('h1'), await heartbeat('h1'), await heartbeat('gone')]).toEqual([200, 200, 404]);
    expect(await service.stop('SIGTERM')).toBe(0);
    const heartbeatLines = service
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"request completed"') && line.includes('/heartbeat'))
      .map((line) => JSON.parse(line) as { req: { url: string }; res: { statusCode: number } });
    expect(heartbeatLines.map((line) => [line.req.url, line.res.statusCode])).toEqual([['/v1/services/chatty/instances/gone/heartbeat', 404]]);
  });

  it('shut down promptly on SIGTERM even with long-polls waiting', async () => {
    const { service, url } = await startAnother('poll-1');
    const { revision } = await eventsSince(url, 0);
    const polls = Array.from({ length: 3 }, () =>
      fetch(`${url}/v1/watch?afterRevision=${revision + 1_000}&timeoutSeconds=60`).then(
        (r) => r.status,
        () => 0,
      ),
    );
    const abandoned = new AbortController();
    fetch(`${url}/v1/watch?afterRevision=${revision}&timeoutSeconds=60`, { signal: abandoned.signal }).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    abandoned.abort();
    const started = Date.now();
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    await Promise.all(polls);
  });
});
