import { createServiceClient } from '@trellis/clients';
import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend, body, meshEnv, type RunningApp, register, startMesh, startRegistry } from './helpers.js';

describe('the discovery-aware client with mesh-svc', () => {
  let registry: RunningApp;
  let mesh: RunningApp;
  const backends: Backend[] = [];
  beforeAll(async () => {
    registry = await startRegistry();
    mesh = await startMesh(meshEnv({ REGISTRY_URL: registry.url }));
  });
  afterAll(async () => {
    await Promise.all(backends.map((backend) => backend.stop()));
    await mesh.close();
    await registry.close();
  });

  it('follows its route from mesh-svc as it changes, and reports its calls in batches', async () => {
    for (const [id, version] of [['v1', '1.0.0'], ['v2', '2.0.0']] as const) {
      const backend = await new Backend(id, () => ({ status: 200, body: id })).start();
      backends.push(backend);
      await register(registry.url, 'flags', id, backend.port, { version });
    }
    const [v1, v2] = backends;
    const flags = await createServiceClient('flags', { registryUrl: registry.url, meshUrl: mesh.url, source: 'web', metricsFlushMs: 200 });
    try {
      expect(flags.route().loadBalancer).toBe('round-robin');
      const put = await fetch(`${mesh.url}/v1/routes/web/flags`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ splits: [{ version: '2.0.0', weight: 1 }], loadBalancer: 'random' }),
      });
      expect(put.status).toBe(201);
      await waitFor(() => flags.route().loadBalancer === 'random', { message: 'route change seen', timeoutMs: 10_000 });

      for (let i = 0; i < 20; i += 1) await (await flags.fetch('/evaluate')).text();
      expect(v2!.seen).toHaveLength(20);
      expect(v1!.seen).toHaveLength(0);

      // A route for every caller applies once web's own is gone.
      await fetch(`${mesh.url}/v1/routes/%2A/flags`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ splits: [{ version: '1.0.0', weight: 1 }] }),
      });
      await fetch(`${mesh.url}/v1/routes/web/flags`, { method: 'DELETE' });
      await waitFor(() => flags.route().splits[0]?.version === '1.0.0', { message: 'wildcard route seen', timeoutMs: 10_000 });
      for (let i = 0; i < 5; i += 1) await (await flags.fetch('/evaluate')).text();
      expect(v1!.seen).toHaveLength(5);

      await flags.flushMetrics();
      const metrics = await waitFor(async () => {
        const answer = await body(fetch(`${mesh.url}/v1/metrics/web/flags?window=1m`));
        return answer.requests === 25 ? answer : undefined;
      }, { message: 'calls reported', timeoutMs: 10_000 });
      expect(metrics).toMatchObject({ failures: 0, successRate: 1 });
      expect(metrics.latencyMs.p99).toBeGreaterThan(0);
    } finally {
      await flags.close();
    }
  });

  it('keeps working with its fallback route while mesh-svc is unreachable', async () => {
    const backend = await new Backend('only').start();
    backends.push(backend);
    await register(registry.url, 'lonely', 'only', backend.port);
    const lonely = await createServiceClient('lonely', {
      registryUrl: registry.url,
      meshUrl: 'http://127.0.0.1:9',
      source: 'web',
      route: { loadBalancer: 'least-connections' },
    });
    try {
      expect(lonely.route().loadBalancer).toBe('least-connections');
      expect((await lonely.fetch('/x')).status).toBe(200);
    } finally {
      await lonely.close();
    }
  });
});
