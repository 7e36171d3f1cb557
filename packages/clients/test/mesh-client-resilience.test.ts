import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@trellis/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient, NoInstancesError, type ServiceClient, ServiceUnavailableError } from '../src/index.js';
import { Backend, deadPort, register } from './mesh-helpers.js';
import { type RunningRegistry, startRegistry } from './registry-helpers.js';

type AnyPaths = Record<string, never>;
const FAST_BACKOFF = { baseMs: 1, maxMs: 5 };

describe('discovery-aware client: retries, budget, ejection, health', () => {
  let registry: RunningRegistry;
  const backends: Backend[] = [];
  const clients: ServiceClient<AnyPaths>[] = [];
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(backends.splice(0).map((backend) => backend.stop()));
  });
  afterAll(async () => {
    // Aborted long-polls can keep sockets open until keep-alive ends: cut them.
    registry.app.server.closeAllConnections();
    await registry.close();
  });

  async function backend(service: string, id: string, behaviour?: Backend['behaviour']) {
    const started = await new Backend(id, behaviour).start();
    backends.push(started);
    await register(registry.url, service, id, started.port);
    return started;
  }
  async function client(service: string, options: Omit<Parameters<typeof createServiceClient>[1], 'registryUrl'> = {}) {
    const created = await createServiceClient<AnyPaths>(service, { registryUrl: registry.url, source: 'web', ...options });
    clients.push(created);
    return created;
  }
  const call = async (c: ServiceClient<AnyPaths>, init?: RequestInit) => {
    const response = await c.fetch('/op', init);
    await response.arrayBuffer();
    return response;
  };

  it('retries a 503 and a refused connection on other instances', async () => {
    const unavailable = await backend('pay', 'unavailable', () => ({ status: 503 }));
    await register(registry.url, 'pay', 'dead', await deadPort());
    const good = await backend('pay', 'good');
    const pay = await client('pay', { route: { loadBalancer: 'round-robin', retries: { max: 2, backoff: FAST_BACKOFF }, outlierDetection: { consecutive5xx: 0 } } });
    for (let i = 0; i < 9; i += 1) expect((await call(pay, { method: 'POST', body: 'x' })).status).toBe(200);
    expect(good.seen).toHaveLength(9);
    expect(unavailable.seen.length).toBeGreaterThan(0);
    // Each call tried at most three instances, never one twice.
    expect(good.seen.every((request) => request.body.toString() === 'x')).toBe(true);
  });

  it('never retries a 400 (or a 500 under the default retryOn)', async () => {
    const a = await backend('strict', 'a', () => ({ status: 400 }));
    const b = await backend('strict', 'b', () => ({ status: 500 }));
    const strict = await client('strict', { route: { retries: { backoff: FAST_BACKOFF }, outlierDetection: { consecutive5xx: 0 } } });
    const statuses = [await call(strict), await call(strict), await call(strict), await call(strict)].map((r) => r.status).sort();
    expect(statuses).toEqual([400, 400, 500, 500]);
    expect(a.seen.length + b.seen.length).toBe(4);
  });

  it('stops retrying when the retry budget is spent', async () => {
    const down = await backend('budget', 'down', () => ({ status: 503 }));
    const budget = await client('budget', {
      route: { retries: { max: 3, backoff: FAST_BACKOFF, budget: { ratio: 0.1, minRetriesPerSecond: 0 } }, outlierDetection: { consecutive5xx: 0 } },
    });
    for (let i = 0; i < 50; i += 1) expect((await call(budget)).status).toBe(503);
    // 50 calls, 10 % of them may be retried: at most 5 retries on top of 50 attempts.
    expect(down.seen.length).toBeGreaterThanOrEqual(50);
    expect(down.seen.length).toBeLessThanOrEqual(55);
  });

  it('ejects an instance after 5 failures in a row, skips it, then readmits it', async () => {
    let broken = true;
    const sick = await backend('eject', 'sick', () => ({ status: broken ? 500 : 200 }));
    const wellA = await backend('eject', 'well-a');
    const wellB = await backend('eject', 'well-b');
    const eject = await client('eject', {
      route: { loadBalancer: 'round-robin', retries: { max: 0 }, outlierDetection: { consecutive5xx: 5, baseEjectionMs: 1_000, maxEjectionPercent: 50 } },
    });
    for (let i = 0; i < 15; i += 1) await call(eject);
    expect(sick.seen).toHaveLength(5);
    expect(eject.mesh.outliers.ejected()).toEqual(['sick']);
    for (let i = 0; i < 10; i += 1) expect((await call(eject)).status).toBe(200);
    expect(sick.seen).toHaveLength(5);
    expect(wellA.seen.length + wellB.seen.length).toBe(20);
    broken = false;
    await waitFor(async () => (await call(eject)).headers.get('x-backend') === 'sick', { timeoutMs: 15_000, intervalMs: 50, message: 'readmitted' });
    expect(eject.mesh.outliers.ejected()).toEqual([]);
  });

  it('raises a typed ServiceUnavailableError when no instance is left or none answers', async () => {
    const nobody = await client('nobody');
    const error = await nobody.fetch('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toBeInstanceOf(NoInstancesError);
    expect(error).toMatchObject({ service: 'nobody', reason: 'no-instances' });

    await register(registry.url, 'refusing', 'r1', await deadPort());
    const refusing = await client('refusing', { route: { retries: { backoff: FAST_BACKOFF } } });
    expect(await refusing.fetch('/x').catch((e: unknown) => e)).toMatchObject({ name: 'ServiceUnavailableError', reason: 'connect-failure', attempts: 3 });

    // Never answers: every try runs into its 50 ms timeout, and 500 ms leaves room for several
    // tries even when a loaded machine fires timers late.
    await backend('slow', 's1', () => ({ status: 200, until: new Promise(() => {}) }));
    const slow = await client('slow', { route: { timeoutMs: 500, perTryTimeoutMs: 50, retries: { retryOn: ['gateway-error'], backoff: FAST_BACKOFF, max: 10 } } });
    const timedOut = (await slow.fetch('/x').catch((e: unknown) => e)) as ServiceUnavailableError;
    expect(timedOut).toMatchObject({ reason: 'timeout' });
    expect(timedOut.attempts).toBeGreaterThanOrEqual(2);

    const controller = new AbortController();
    const pending = slow.fetch('/x', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).not.toBeInstanceOf(ServiceUnavailableError);
  });

  it('keeps only the instances health-svc does not report critical or in maintenance', async () => {
    await backend('checked', 'ok-1');
    await backend('checked', 'ok-2');
    const critical = await backend('checked', 'critical-1');
    const statuses: Record<string, string> = { 'ok-1': 'passing', 'critical-1': 'critical' };
    let revision = 1;
    // A small stand-in speaking health-svc's list contract (Consul's status codes, blocking queries).
    const health: Server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const answer = () => {
        const instances = Object.entries(statuses).map(([instanceId, status]) => ({ instanceId, status }));
        res.writeHead(instances.some((i) => i.status === 'critical') ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ service: 'checked', status: 'critical', revision, instances }));
      };
      const after = url.searchParams.get('afterRevision');
      if (after !== null && Number(after) >= revision) setTimeout(answer, 200);
      else answer();
    });
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    try {
      const checked = await client('checked', { healthUrl: `http://127.0.0.1:${(health.address() as AddressInfo).port}`, route: { retries: { max: 0 } } });
      for (let i = 0; i < 20; i += 1) expect((await call(checked)).status).toBe(200);
      expect(critical.seen).toHaveLength(0);
      expect(checked.discovery.healthFiltering()).toBe('applied');

      statuses['critical-1'] = 'passing';
      statuses['ok-2'] = 'maintenance';
      revision += 1;
      await waitFor(() => checked.discovery.healthy().map((i) => i.instanceId).sort().join() === 'critical-1,ok-1', { message: 'health change seen' });
    } finally {
      health.closeAllConnections();
      await new Promise((resolve) => health.close(resolve));
    }
  });
});
