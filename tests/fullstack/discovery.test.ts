// Discovery end to end: a service registers and heartbeats, health-svc checks it, its process
// dies, it turns critical and leaves discovery while the client routes around it, and a canary
// split sends ~10% of calls to version 2.
import { fileURLToPath } from 'node:url';
import { createHealthClient, createRegistryClient, getServiceHealth, type meshApi } from '@trellis/clients';
import { type ChildProcessHandle, freePort, randomPrefix, redisEnv, startProcess, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverUrl, SOURCE, serviceClient } from '../src/discovery.js';
import { stackContext } from '../src/stack-context.js';

const ECHO = fileURLToPath(new URL('../fixtures/echo-service.mjs', import.meta.url));
type Echo = { paths: { '/v1/echo': { get: { responses: { 200: { content: { 'application/json': { instanceId: string; version: string } } } } } } } };

describe('discovery, health and routing', () => {
  const stack = stackContext();
  const prefix = randomPrefix();
  const echoes: Record<string, ChildProcessHandle> = {};
  const registry = createRegistryClient({ baseUrl: stack.registryUrl });

  const startEcho = async (instanceId: string, version: string) => {
    const port = await freePort();
    echoes[instanceId] = await startProcess({
      command: process.execPath,
      args: [ECHO],
      env: {
        ...redisEnv(stack.redis),
        TRELLIS_KEY_PREFIX: prefix,
        REGISTRY_URL: stack.registryUrl,
        PORT: String(port),
        INSTANCE_ID: instanceId,
        ECHO_VERSION: version,
        REGISTRATION_TTL_SECONDS: '5',
        LOG_LEVEL: 'warn',
      },
      readyUrl: `http://127.0.0.1:${port}/readyz`,
    });
  };

  beforeAll(async () => {
    const health = createHealthClient({ baseUrl: await discoverUrl('health-svc') });
    const { response } = await health.PUT('/v1/health/services/{service}/check', {
      params: { path: { service: 'echo-svc' } },
      body: { type: 'http', intervalMs: 500, timeoutMs: 300, successBeforePassing: 1, failuresBeforeWarning: 1, failuresBeforeCritical: 2 },
    });
    expect(response.status).toBeLessThan(300);
    await Promise.all([startEcho('echo-a', '1.0.0'), startEcho('echo-b', '1.0.0'), startEcho('echo-c', '2.0.0')]);
  });
  afterAll(async () => {
    await Promise.all(Object.values(echoes).map((echo) => echo.stop()));
  });

  it('registers, heartbeats and is seen passing by health-svc', async () => {
    // Ready (serving) comes a moment before registered: registration follows listen.
    const ids = await waitFor(
      async () => {
        const { data } = await registry.GET('/v1/services/{service}/instances', { params: { path: { service: 'echo-svc' } } });
        const listed = (data?.instances ?? []).map((i) => i.instanceId).sort();
        return listed.length === 3 ? listed : undefined;
      },
      { timeoutMs: 10_000, message: 'three echo instances registered' },
    );
    expect(ids).toEqual(['echo-a', 'echo-b', 'echo-c']);
    const health = createHealthClient({ baseUrl: await discoverUrl('health-svc') });
    const passing = await waitFor(
      async () => {
        const body = await getServiceHealth(health, 'echo-svc');
        return body.counts.passing === 3 ? body : undefined;
      },
      { timeoutMs: 15_000, message: 'three passing echo instances' },
    );
    expect(passing.status).toBe('passing');
  });

  it('sends ~10% of calls to version 2 under a 90/10 canary split', async () => {
    const mesh = await serviceClient<meshApi.paths>('mesh-svc');
    const { response } = await mesh.PUT('/v1/routes/{source}/{destination}', {
      params: { path: { source: SOURCE, destination: 'echo-svc' } },
      body: { splits: [{ version: '1.0.0', weight: 90 }, { version: '2.0.0', weight: 10 }] } as never,
    });
    expect(response.status).toBeLessThan(300);
    await mesh.close();

    const echo = await serviceClient<Echo['paths']>('echo-svc');
    await waitFor(() => (echo.route().splits?.length === 2 ? true : undefined), { timeoutMs: 10_000, message: 'route followed' });
    const versions = { '1.0.0': 0, '2.0.0': 0 } as Record<string, number>;
    for (let i = 0; i < 1_000; i += 1) {
      const { data } = await echo.GET('/v1/echo');
      versions[data!.version] = (versions[data!.version] ?? 0) + 1;
    }
    expect(versions['2.0.0']! / 1_000).toBeGreaterThan(0.06);
    expect(versions['2.0.0']! / 1_000).toBeLessThan(0.14);
    await echo.close();
  });

  it('routes around a killed instance, which turns critical and leaves discovery', async () => {
    const echo = await serviceClient<Echo['paths']>('echo-svc');
    const health = createHealthClient({ baseUrl: await discoverUrl('health-svc') });
    await echoes['echo-a']!.kill();
    const killedAt = Date.now();

    // Every call keeps succeeding: connection failures move on to another instance.
    const answeredBy = new Set<string>();
    const failures: string[] = [];
    let critical = false;
    let gone = false;
    while (!(critical && gone) && Date.now() - killedAt < 20_000) {
      const { data, response } = await echo.GET('/v1/echo');
      if (response.status !== 200) failures.push(String(response.status));
      else answeredBy.add(data!.instanceId);
      const body = await getServiceHealth(health, 'echo-svc');
      critical ||= body.instances.some((i) => i.instanceId === 'echo-a' && i.status === 'critical');
      const { data: listed } = await registry.GET('/v1/services/{service}/instances', { params: { path: { service: 'echo-svc' } } });
      gone = !listed?.instances.some((i) => i.instanceId === 'echo-a');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(failures).toEqual([]);
    expect(critical, 'health-svc saw echo-a critical').toBe(true);
    expect(gone, 'echo-a left discovery (its lease lapsed)').toBe(true);
    expect(answeredBy.has('echo-a')).toBe(false);
    await echo.close();
  });
});
