import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createKeySpace } from '@trellis/redis-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryCache, GZIP_MIN_BYTES } from '../src/discovery-cache.js';
import { RegistryStore } from '../src/registry-store.js';
import type { Registration } from '../src/schemas.js';
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

    expect((await heartbeat('cached', 'c2', 'DRAINING')).status).toBe(200);
    expect((await discover('cached')).instances.find((i) => i.instanceId === 'c2')?.status).toBe('DRAINING');
    expect((await discover('cached', '?status=UP')).instances.map((i) => i.instanceId)).toEqual(['c1']);

    expect((await fetch(`${writer.url}/v1/services/cached/instances/c2`, { method: 'DELETE' })).status).toBe(204);
    expect((await discover('cached')).instances.map((i) => i.instanceId)).toEqual(['c1']);
  });

  it('keeps serving a cached list through heartbeats that only renew leases, with lease times as lower bounds', async () => {
    await register(writer.url, 'renewing', 'r1');
    const listed = await discover('renewing');
    await new Promise((r) => setTimeout(r, 5));
    const beat = await heartbeat('renewing', 'r1');
    expect(beat.status).toBe(200);
    const renewed = (await beat.json()) as Listed['instances'][number];
    expect(Date.parse(renewed.leaseExpiresAt)).toBeGreaterThan(Date.parse(listed.instances[0]!.leaseExpiresAt));

    // The list, and the revision it reflects, stay as they were: the lease it shows ends no later than the real one.
    expect(await discover('renewing')).toEqual(listed);
    // The instance itself is always read fresh.
    const current = await json(fetch(`${reader.url}/v1/services/renewing/instances/r1`));
    expect(current.leaseExpiresAt).toBe(renewed.leaseExpiresAt);
    // A filtered list comes from the same cached answer.
    expect((await discover('renewing', '?status=UP')).instances).toEqual(listed.instances);
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

/**
 * Concurrent discovers of one service share their round trips, but never an answer read before
 * they arrived: a write acknowledged before a discover starts always shows in it.
 */
describe('concurrent discovers of one service', () => {
  const env = testEnv({ REAPER_INTERVAL_MS: '60000' });
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry(env);
  });
  afterAll(async () => {
    await registry?.close();
  });

  /** A real store over the registry's Redis that counts its discover calls and can hold the next one at the door. */
  class CountingStore extends RegistryStore {
    calls = 0;
    gate: Promise<void> | undefined;
    override async discover(...args: Parameters<RegistryStore['discover']>) {
      this.calls += 1;
      const gate = this.gate;
      this.gate = undefined;
      if (gate) await gate;
      return super.discover(...args);
    }
  }
  const newStore = () => new CountingStore(registry.app.trellis.redis, { keyPrefix: env.TRELLIS_KEY_PREFIX });
  // Complete, as validation leaves a registration before the store sees it.
  const registration: Registration = {
    host: '127.0.0.1',
    port: 9000,
    version: '1.0.0',
    zone: 'default',
    tags: [],
    metadata: {},
    weight: 100,
    healthPath: '/health',
    ttlSeconds: 60,
  };

  it('share two round trips at most, however many arrive together', async () => {
    const store = newStore();
    for (let i = 0; i < 5; i += 1) await store.register('herd', `h${i}`, registration);
    const cache = new DiscoveryCache(store);
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.discover('herd')));
    expect(store.calls).toBeLessThanOrEqual(2);
    for (const answer of answers) expect(answer.instances.map((i) => i.instanceId)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
  });

  it('never answer a discover with a read made before it arrived', async () => {
    const store = newStore();
    await store.register('ordered', 'o1', registration);
    const cache = new DiscoveryCache(store);
    let open!: () => void;
    store.gate = new Promise((resolve) => {
      open = resolve;
    });
    // In flight, held before it reads Redis; a write is acknowledged; then a second discover starts.
    const early = cache.discover('ordered');
    await store.register('ordered', 'o2', registration);
    const late = cache.discover('ordered');
    open();
    await early;
    expect((await late).instances.map((i) => i.instanceId)).toEqual(['o1', 'o2']);
    expect(store.calls).toBe(2);
  });

  it('pass a failure to those waiting on it, and recover on the next call', async () => {
    const store = newStore();
    await store.register('failing', 'f1', registration);
    const cache = new DiscoveryCache(store);
    store.gate = Promise.reject(new Error('Redis went away'));
    const first = cache.discover('failing');
    const second = cache.discover('failing');
    await expect(first).rejects.toThrow('Redis went away');
    // The queued discover runs after the failure, on its own round trip.
    expect((await second).instances.map((i) => i.instanceId)).toEqual(['f1']);
    expect((await cache.discover('failing')).instances).toHaveLength(1);
  });
});

/** A large list goes out gzipped to callers that accept it, compressed once per change. */
describe('large discover answers', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry(testEnv());
    await Promise.all(Array.from({ length: 80 }, (_, i) => register(registry.url, 'wide', `w${i}`, { metadata: { rack: `r${i % 4}` } })));
  });
  afterAll(async () => {
    await registry?.close();
  });

  /** The raw response, as sent: node:http does not decompress. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      httpRequest(`${registry.url}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });

  /** The first caller that accepts gzip starts the compression; the answer is gzipped once it is done. */
  async function gzipped(path: string, acceptEncoding: string) {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const response = await get(path, { 'accept-encoding': acceptEncoding });
      if (response.headers['content-encoding'] === 'gzip') return response;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('never gzipped');
  }

  it('is gzipped for a caller that accepts it, and is the same JSON', async () => {
    const plain = await get('/v1/services/wide/instances');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.body.length).toBeGreaterThan(GZIP_MIN_BYTES);

    const compressed = await gzipped('/v1/services/wide/instances', 'gzip, deflate');
    expect(compressed.headers.vary).toBe('accept-encoding');
    expect(compressed.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(gunzipSync(compressed.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    // Codings are case-insensitive.
    expect((await get('/v1/services/wide/instances', { 'accept-encoding': 'GZIP' })).headers['content-encoding']).toBe('gzip');
  });

  it('is compressed again after a change, never served stale', async () => {
    await gzipped('/v1/services/wide/instances', 'gzip');
    await register(registry.url, 'wide', 'w-new');
    const after = await gzipped('/v1/services/wide/instances', 'gzip');
    const ids = (JSON.parse(gunzipSync(after.body).toString('utf8')) as Listed).instances.map((i) => i.instanceId);
    expect(ids).toContain('w-new');
  });

  it('is plain for a caller that refuses gzip, for a small list, and for a filtered one', async () => {
    await gzipped('/v1/services/wide/instances', 'gzip');
    for (const acceptEncoding of ['identity', 'gzip;q=0', 'deflate', 'br']) {
      const response = await get('/v1/services/wide/instances', { 'accept-encoding': acceptEncoding });
      expect(response.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(JSON.parse(response.body.toString('utf8')).instances).toHaveLength(81);
    }
    await register(registry.url, 'narrow', 'n1');
    for (let i = 0; i < 3; i += 1) expect((await get('/v1/services/narrow/instances', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
    const filtered = await get('/v1/services/wide/instances?zone=default', { 'accept-encoding': 'gzip' });
    expect(filtered.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(filtered.body.toString('utf8')).instances).toHaveLength(81);
  });
});
