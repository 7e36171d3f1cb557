import { createKeySpace } from '@trellis/redis-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, register, startTestRegistry, type TestRegistry, testEnv } from './helpers.js';

interface Listed {
  revision: number;
  instances: { instanceId: string; status: string; lastHeartbeatAt: string; leaseExpiresAt: string; port: number }[];
}

/**
 * Each replica caches its last discover answer per service and asks Redis, in the same round
 * trip, whether it still holds. Two replicas share one Redis (no reaper on the one that reads,
 * so only the cache check can notice a lapse): every write through either must show at once.
 */
describe('discover answers cached per replica', () => {
  const env = testEnv({ REAPER_INTERVAL_MS: '60000' });
  let reader: TestRegistry;
  let writer: TestRegistry;
  beforeAll(async () => {
    [reader, writer] = await Promise.all([startTestRegistry(env), startTestRegistry(env)]);
  });
  afterAll(async () => {
    await Promise.all([reader?.close(), writer?.close()]);
  });

  const discover = (service: string, query = ''): Promise<Listed> => json(fetch(`${reader.url}/v1/services/${service}/instances${query}`));
  const heartbeat = (service: string, id: string, status?: string) =>
    fetch(`${writer.url}/v1/services/${service}/instances/${id}/heartbeat`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(status ? { status } : {}),
    });

  it('shows a registration, a heartbeat, a status change and a deregistration made on another replica', async () => {
    await register(writer.url, 'cached', 'c1');
    const first = await discover('cached');
    expect(first.instances.map((i) => i.instanceId)).toEqual(['c1']);
    expect(await discover('cached')).toEqual(first);

    await register(writer.url, 'cached', 'c2', { port: 9001 });
    expect((await discover('cached')).instances.map((i) => i.instanceId)).toEqual(['c1', 'c2']);

    await new Promise((r) => setTimeout(r, 5));
    expect((await heartbeat('cached', 'c1')).status).toBe(200);
    const renewed = (await discover('cached')).instances.find((i) => i.instanceId === 'c1');
    expect(Date.parse(renewed!.lastHeartbeatAt)).toBeGreaterThan(Date.parse(first.instances[0]!.lastHeartbeatAt));

    expect((await heartbeat('cached', 'c2', 'DRAINING')).status).toBe(200);
    expect((await discover('cached')).instances.find((i) => i.instanceId === 'c2')?.status).toBe('DRAINING');
    expect((await discover('cached', '?status=UP')).instances.map((i) => i.instanceId)).toEqual(['c1']);

    expect((await fetch(`${writer.url}/v1/services/cached/instances/c2`, { method: 'DELETE' })).status).toBe(204);
    expect((await discover('cached')).instances.map((i) => i.instanceId)).toEqual(['c1']);
  });

  it('drops a lease the moment it lapses, before any reaper runs', async () => {
    await register(writer.url, 'lapsing', 'short', { ttlSeconds: 5 });
    await register(writer.url, 'lapsing', 'long', { ttlSeconds: 60 });
    expect((await discover('lapsing')).instances).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await discover('lapsing')).instances.map((i) => i.instanceId)).toEqual(['long']);
  });

  it('never mistakes a service rebuilt after its keys were lost for the one it cached', async () => {
    await register(writer.url, 'rebuilt', 'r1', { port: 9100 });
    expect((await discover('rebuilt')).instances[0]?.port).toBe(9100);
    // Lose the service's keys behind the registry's back, then make the same number of writes.
    const keys = createKeySpace('registry', { prefix: env.TRELLIS_KEY_PREFIX });
    for (const entity of ['leases', 'registrations', 'states']) await reader.app.trellis.redis.del(keys.key(entity, 'registry', 'rebuilt'));
    await register(writer.url, 'rebuilt', 'r1', { port: 9200 });
    expect((await discover('rebuilt')).instances[0]?.port).toBe(9200);
  });
});
