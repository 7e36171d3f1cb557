import { waitFor } from '@trellis/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient, type ServiceClient } from '../src/index.js';
import { Backend, deregister, register, runConcurrently } from './mesh-helpers.js';
import { type RunningRegistry, startRegistry } from './registry-helpers.js';

type AnyPaths = Record<string, never>;

describe('discovery-aware client: discovery, splits and balancing', () => {
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
    // A long-poll whose fetch was aborted can linger server-side until its timeout, and its
    // socket until keep-alive ends: cut them so the registry closes at once.
    registry.app.server.closeAllConnections();
    await registry.close();
  });

  async function backend(service: string, id: string, extra: { version?: string; tags?: string[]; weight?: number } = {}, behaviour?: Backend['behaviour']) {
    const started = await new Backend(id, behaviour).start();
    backends.push(started);
    await register(registry.url, service, id, started.port, extra);
    return started;
  }
  async function client(service: string, options: Omit<Parameters<typeof createServiceClient>[1], 'registryUrl'> = {}) {
    const created = await createServiceClient<AnyPaths>(service, { registryUrl: registry.url, source: 'web', ...options });
    clients.push(created);
    return created;
  }
  const call = async (c: ServiceClient<AnyPaths>, path = '/work') => {
    const response = await c.fetch(path);
    await response.arrayBuffer();
    return response;
  };

  it('a 90/10 split over 10,000 calls to real instances lands within ±2%', async () => {
    const stable = [await backend('orders', 'v1-a', { version: '1.0.0' }), await backend('orders', 'v1-b', { version: '1.0.0' })];
    const canary = await backend('orders', 'v2-a', { version: '2.0.0', tags: ['canary'] });
    const orders = await client('orders', {
      route: { splits: [{ name: 'stable', version: '1.0.0', weight: 90 }, { name: 'canary', tag: 'canary', weight: 10 }] },
    });
    await runConcurrently(10_000, 32, async () => {
      expect((await call(orders)).status).toBe(200);
    });
    const stableShare = (stable[0]!.seen.length + stable[1]!.seen.length) / 10_000;
    const canaryShare = canary.seen.length / 10_000;
    expect(Math.abs(stableShare - 0.9)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(canaryShare - 0.1)).toBeLessThanOrEqual(0.02);
    // Round robin inside the stable split.
    expect(Math.abs(stable[0]!.seen.length - stable[1]!.seen.length)).toBeLessThanOrEqual(2);
  }, 120_000);

  it('follows the registry: new instances get calls, deregistered ones none', async () => {
    const first = await backend('books', 'b1');
    const books = await client('books');
    for (let i = 0; i < 4; i += 1) await call(books);
    expect(first.seen).toHaveLength(4);
    const second = await backend('books', 'b2');
    await waitFor(() => books.resolver.live().length === 2, { message: 'b2 seen' });
    for (let i = 0; i < 4; i += 1) await call(books);
    expect(second.seen).toHaveLength(2);
    await deregister(registry.url, 'books', 'b1');
    await waitFor(() => books.resolver.live().length === 1, { message: 'b1 gone' });
    for (let i = 0; i < 4; i += 1) await call(books);
    expect(first.seen).toHaveLength(6);
    expect(second.seen).toHaveLength(6);
  });

  it('balances by registry weight, least connections and p2c-ewma', async () => {
    const heavy = await backend('weighted', 'heavy', { weight: 300 });
    const light = await backend('weighted', 'light', { weight: 100 });
    const weighted = await client('weighted', { route: { loadBalancer: 'weighted' } });
    for (let i = 0; i < 40; i += 1) await call(weighted);
    expect([heavy.seen.length, light.seen.length]).toEqual([30, 10]);

    // Whichever instance takes the first call holds it until released: least-connections must
    // send every later call to the other one.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const holdFirstCall = () => {
      if (holding) return { status: 200 };
      holding = true;
      return { status: 200, until: released };
    };
    const busyA = await backend('busy', 'busy-a', {}, holdFirstCall);
    const busyB = await backend('busy', 'busy-b', {}, holdFirstCall);
    const busy = await client('busy', { route: { loadBalancer: 'least-connections' } });
    const slow = call(busy, '/first');
    await waitFor(() => busyA.seen.length + busyB.seen.length === 1);
    const [stuck, free] = busyA.seen.length === 1 ? [busyA, busyB] : [busyB, busyA];
    for (let i = 0; i < 5; i += 1) await call(busy);
    expect(free.seen).toHaveLength(5);
    expect(stuck.seen).toHaveLength(1);
    release();
    await slow;

    const fast = await backend('ewma', 'fast');
    const sluggish = await backend('ewma', 'sluggish', {}, () => ({ status: 200, delayMs: 60 }));
    const ewma = await client('ewma', { route: { loadBalancer: 'p2c-ewma' } });
    for (let i = 0; i < 60; i += 1) await call(ewma);
    expect(fast.seen.length).toBeGreaterThan(sluggish.seen.length * 2);
  }, 60_000);

  it('sends x-trellis-source and one x-request-id for every attempt, and works as a typed client', async () => {
    let first = true;
    const flaky = await backend('ids', 'i1', {}, () => {
      const status = first ? 503 : 200;
      first = false;
      return { status };
    });
    const ids = await client('ids', { route: { retries: { backoff: { baseMs: 1, maxMs: 2 } } } });
    const { response } = await (ids as unknown as { GET(path: string): Promise<{ response: Response }> }).GET('/things');
    expect(response.status).toBe(200);
    expect(flaky.seen).toHaveLength(2);
    expect(flaky.seen[0]!.headers['x-trellis-source']).toBe('web');
    expect(flaky.seen[0]!.headers['x-request-id']).toBe(flaky.seen[1]!.headers['x-request-id']);
    expect(flaky.seen[0]!.url).toBe('/things');
  });
});
