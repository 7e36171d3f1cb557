import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRegistry, type TestRegistry, testEnv } from './helpers.js';

describe('registry API', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry(testEnv());
  });
  afterAll(() => registry.close());

  const put = (url: string, payload: unknown) => registry.app.inject({ method: 'PUT', url, payload: payload as object });
  const get = (url: string) => registry.app.inject({ method: 'GET', url });

  it('registers idempotently: 201 with a new epoch, then 200 keeping it', async () => {
    const first = await put('/v1/services/orders/instances/orders-1', { host: '10.0.0.5', port: 8080, version: '1.4.0', tags: ['canary'] });
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe('/v1/services/orders/instances/orders-1');
    const instance = first.json();
    expect(instance).toMatchObject({
      service: 'orders',
      instanceId: 'orders-1',
      host: '10.0.0.5',
      port: 8080,
      version: '1.4.0',
      zone: 'default',
      tags: ['canary'],
      metadata: {},
      weight: 100,
      ttlSeconds: 30,
      status: 'UP',
    });
    expect(Date.parse(instance.leaseExpiresAt) - Date.parse(instance.lastHeartbeatAt)).toBe(30_000);

    const again = await put('/v1/services/orders/instances/orders-1', { host: '10.0.0.5', port: 8080, version: '1.4.0', tags: ['canary'] });
    expect(again.statusCode).toBe(200);
    expect(again.json().epoch).toBe(instance.epoch);
    expect(again.json().registeredAt).toBe(instance.registeredAt);
  });

  it('discovers live instances with filters, and lists services with counts', async () => {
    await put('/v1/services/pay/instances/p1', { host: 'h1', port: 1, zone: 'eu-1', tags: ['a', 'b'] });
    await put('/v1/services/pay/instances/p2', { host: 'h2', port: 2, zone: 'us-1', tags: ['a'] });
    await put('/v1/services/pay/instances/p3', { host: 'h3', port: 3, zone: 'eu-1' });
    await registry.app.inject({ method: 'PUT', url: '/v1/services/pay/instances/p3/heartbeat', payload: { status: 'DRAINING' } });

    const all = (await get('/v1/services/pay/instances')).json();
    expect(all.instances.map((i: { instanceId: string }) => i.instanceId).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(all.revision).toBeGreaterThan(0);
    const ids = async (query: string) =>
      (await get(`/v1/services/pay/instances?${query}`)).json().instances.map((i: { instanceId: string }) => i.instanceId).sort();
    expect(await ids('zone=eu-1')).toEqual(['p1', 'p3']);
    expect(await ids('tag=a')).toEqual(['p1', 'p2']);
    expect(await ids('tag=a&tag=b')).toEqual(['p1']);
    expect(await ids('status=UP')).toEqual(['p1', 'p2']);
    expect(await ids('status=DRAINING')).toEqual(['p3']);

    expect((await get('/v1/services/pay/instances/p2')).json()).toMatchObject({ host: 'h2', zone: 'us-1' });
    expect((await get('/v1/services/nobody/instances')).json().instances).toEqual([]);

    const services = (await get('/v1/services')).json();
    expect(services.services).toEqual(expect.arrayContaining([{ name: 'pay', instances: 3 }, { name: 'orders', instances: 1 }]));
  });

  it('heartbeats renew the lease and change status; deregister removes at once', async () => {
    const created = (await put('/v1/services/cart/instances/c1', { host: 'h', port: 1, ttlSeconds: 5 })).json();
    await new Promise((r) => setTimeout(r, 20));
    const beat = await registry.app.inject({ method: 'PUT', url: '/v1/services/cart/instances/c1/heartbeat' });
    expect(beat.statusCode).toBe(200);
    expect(Date.parse(beat.json().leaseExpiresAt)).toBeGreaterThan(Date.parse(created.leaseExpiresAt));
    const draining = await registry.app.inject({ method: 'PUT', url: '/v1/services/cart/instances/c1/heartbeat', payload: { status: 'OUT_OF_SERVICE' } });
    expect(draining.json().status).toBe('OUT_OF_SERVICE');

    expect((await registry.app.inject({ method: 'DELETE', url: '/v1/services/cart/instances/c1' })).statusCode).toBe(204);
    expect((await get('/v1/services/cart/instances/c1')).statusCode).toBe(404);
    expect((await registry.app.inject({ method: 'DELETE', url: '/v1/services/cart/instances/c1' })).statusCode).toBe(404);
    const gone = await registry.app.inject({ method: 'PUT', url: '/v1/services/cart/instances/c1/heartbeat' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers a heartbeat that prefers return=minimal with 204 and no body, renewing the lease all the same', async () => {
    const created = (await put('/v1/services/lean/instances/l1', { host: 'h', port: 1, ttlSeconds: 5 })).json();
    await new Promise((r) => setTimeout(r, 20));
    const heartbeat = (id: string, payload?: object) =>
      registry.app.inject({ method: 'PUT', url: `/v1/services/lean/instances/${id}/heartbeat`, headers: { prefer: 'respond-async, return=minimal' }, payload });
    const beat = await heartbeat('l1');
    expect(beat.statusCode).toBe(204);
    expect(beat.body).toBe('');
    expect(beat.headers['preference-applied']).toBe('return=minimal');
    const renewed = (await get('/v1/services/lean/instances/l1')).json();
    expect(Date.parse(renewed.leaseExpiresAt)).toBeGreaterThan(Date.parse(created.leaseExpiresAt));

    expect((await heartbeat('l1', { status: 'DRAINING' })).statusCode).toBe(204);
    expect((await get('/v1/services/lean/instances/l1')).json().status).toBe('DRAINING');

    const gone = await heartbeat('nobody');
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
    expect(gone.headers['preference-applied']).toBeUndefined();
  });

  const valid = { host: '127.0.0.1', port: 8080 };
  const badInputs: [string, string, unknown][] = [
    ['an upper-case service name', '/v1/services/Orders/instances/i1', valid],
    ['a service name with a dot', '/v1/services/or.ders/instances/i1', valid],
    ['a service name over 63 characters', `/v1/services/${'a'.repeat(64)}/instances/i1`, valid],
    ['a service name ending in a dash', '/v1/services/orders-/instances/i1', valid],
    ['an instance id with a slash-like character', '/v1/services/orders/instances/%7Bi1%7D', valid],
    ['an instance id over 128 characters', `/v1/services/orders/instances/${'i'.repeat(129)}`, valid],
    ['port 0', '/v1/services/orders/instances/i1', { host: 'h', port: 0 }],
    ['port 65536', '/v1/services/orders/instances/i1', { host: 'h', port: 65_536 }],
    ['a port given as a string', '/v1/services/orders/instances/i1', { host: 'h', port: '80' }],
    ['a missing host', '/v1/services/orders/instances/i1', { port: 80 }],
    ['ttlSeconds 4', '/v1/services/orders/instances/i1', { ...valid, ttlSeconds: 4 }],
    ['ttlSeconds 301', '/v1/services/orders/instances/i1', { ...valid, ttlSeconds: 301 }],
    [
      '65 metadata keys',
      '/v1/services/orders/instances/i1',
      { ...valid, metadata: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) },
    ],
    ['a metadata value of 513 bytes', '/v1/services/orders/instances/i1', { ...valid, metadata: { k: 'v'.repeat(513) } }],
    ['a non-string metadata value', '/v1/services/orders/instances/i1', { ...valid, metadata: { k: 1 } }],
    ['an unknown field', '/v1/services/orders/instances/i1', { ...valid, color: 'blue' }],
    ['a health path without a slash', '/v1/services/orders/instances/i1', { ...valid, healthPath: 'health' }],
    ['a body that is an array', '/v1/services/orders/instances/i1', [valid]],
  ];

  it.each(badInputs)('answers %s with 400 problem+json and writes nothing', async (_what, url, payload) => {
    const response = await put(url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await get('/v1/services/orders/instances/i1')).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('accepts the boundaries: 64 metadata keys, 512-byte values, ttl 5 and 300, port 1 and 65535', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, 'v'.repeat(512)]));
    expect((await put('/v1/services/edge/instances/e1', { host: 'h', port: 1, ttlSeconds: 5, metadata })).statusCode).toBe(201);
    expect((await put('/v1/services/edge/instances/e2', { host: 'h', port: 65_535, ttlSeconds: 300 })).statusCode).toBe(201);
    expect((await put(`/v1/services/${'e'.repeat(63)}/instances/${'i'.repeat(128)}`, valid)).statusCode).toBe(201);
  });

  it('answers bad watch parameters with 400', async () => {
    expect((await get('/v1/watch?afterRevision=-1')).statusCode).toBe(400);
    expect((await get('/v1/watch?afterRevision=0&timeoutSeconds=61')).statusCode).toBe(400);
    const badId = await registry.app.inject({ method: 'GET', url: '/v1/watch', headers: { 'last-event-id': 'abc' } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('INVALID_LAST_EVENT_ID');
  });
});
