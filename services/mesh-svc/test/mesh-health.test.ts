import { fileURLToPath } from 'node:url';
import { type ChildProcessHandle, freePort, randomPrefix, redisEnv, startProcess, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Backend, body, meshEnv, type RunningApp, register, startMesh, startRegistry } from './helpers.js';

// health-svc as its own process, as it runs in production (its package is a dev dependency, so it is built first).
const HEALTH_SERVER = fileURLToPath(new URL('../../health-svc/dist/server.js', import.meta.url));

describe('resolve and proxy with health-svc', () => {
  let registry: RunningApp;
  let health: ChildProcessHandle;
  let mesh: RunningApp;
  const backends: Backend[] = [];
  let healthy = true;

  beforeAll(async () => {
    registry = await startRegistry();
    const port = await freePort();
    health = await startProcess({
      command: process.execPath,
      args: [HEALTH_SERVER],
      env: {
        ...redisEnv(inject('redisTopology')),
        TRELLIS_KEY_PREFIX: randomPrefix(),
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        REGISTRY_URL: registry.url,
        DEFAULT_CHECK_INTERVAL_MS: '200',
        DEFAULT_CHECK_TIMEOUT_MS: '150',
        DEFAULT_FAILURES_BEFORE_CRITICAL: '1',
        DEFAULT_FAILURES_BEFORE_WARNING: '1',
      },
      readyUrl: `http://127.0.0.1:${port}/readyz`,
    });
    mesh = await startMesh(meshEnv({ REGISTRY_URL: registry.url, HEALTH_URL: `http://127.0.0.1:${port}` }));
    for (const id of ['fine', 'sick']) {
      const backend = await new Backend(id, (request) => {
        if (request.url === '/health') return { status: id === 'sick' && !healthy ? 500 : 200, body: 'health' };
        return { status: 200, body: id };
      }).start();
      backends.push(backend);
      await register(registry.url, 'shop', id, backend.port);
    }
  }, 60_000);
  afterAll(async () => {
    await mesh?.close();
    await health?.stop();
    await Promise.all(backends.map((backend) => backend.stop()));
    await registry?.close();
  });

  const resolve = () => body(fetch(`${mesh.url}/v1/resolve/web/shop`));

  it('keeps the instances health-svc reports critical out of resolve and proxy, and brings them back', async () => {
    await waitFor(async () => {
      const resolution = await resolve();
      return resolution.health === 'applied' && resolution.instances.every((i: { health: string }) => i.health === 'passing') && resolution.instances.length === 2;
    }, { timeoutMs: 20_000, message: 'both instances passing' });

    healthy = false;
    const resolution = await waitFor(async () => {
      const answer = await resolve();
      return answer.instances.length === 1 ? answer : undefined;
    }, { timeoutMs: 20_000, message: 'sick left out' });
    expect(resolution.instances[0]).toMatchObject({ instanceId: 'fine', health: 'passing', effectiveWeight: 100 });
    const sick = backends[1]!;
    const before = sick.seen.filter((request) => request.url !== '/health').length;
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${mesh.url}/v1/proxy/shop/buy`, { headers: { 'x-trellis-source': 'web' } });
      expect(await response.text()).toBe('fine');
    }
    expect(sick.seen.filter((request) => request.url !== '/health').length).toBe(before);

    healthy = true;
    await waitFor(async () => (await resolve()).instances.length === 2, { timeoutMs: 20_000, message: 'sick back' });
  });
});
