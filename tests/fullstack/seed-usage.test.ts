// The seeds' own usage of each capability, end to end through discovery and the typed clients.
import { ConfigClient, type configApi, FlagsClient, type flagsApi, type limitsApi, type sessionApi, type stateApi } from '@trellis/clients';
import { randomPrefix, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverUrl, serviceClient } from '../src/discovery.js';

const run = randomPrefix().slice(-8);
const mergePatch = { 'content-type': 'application/merge-patch+json' };

describe('sessions', () => {
  let sessions: Awaited<ReturnType<typeof serviceClient<sessionApi.paths>>>;
  beforeAll(async () => {
    sessions = await serviceClient<sessionApi.paths>('session-svc');
  });
  afterAll(() => sessions.close());

  it('creates, reads, updates, lists and invalidates sessions', async () => {
    const userId = `user-${run}`;
    const created = await Promise.all(
      ['laptop', 'phone', 'tablet'].map(async (device) => {
        const { data, response } = await sessions.POST('/v1/sessions', {
          body: { userId, data: { device, cart: [] }, clientInfo: { ip: '192.0.2.1', userAgent: device } },
        });
        expect(response.status).toBe(201);
        return data!;
      }),
    );
    const [laptop] = created;
    const read = await sessions.GET('/v1/sessions/{sessionId}', { params: { path: { sessionId: laptop!.sessionId } } });
    expect(read.data?.data).toMatchObject({ device: 'laptop' });

    const patched = await sessions.PATCH('/v1/sessions/{sessionId}', {
      params: { path: { sessionId: laptop!.sessionId } },
      body: { cart: ['book'], theme: 'dark' },
      headers: mergePatch,
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.data).toMatchObject({ device: 'laptop', cart: ['book'], theme: 'dark' });

    const listed = await sessions.GET('/v1/users/{userId}/sessions', { params: { path: { userId } } });
    expect(listed.data?.sessions).toHaveLength(3);

    const invalidated = await sessions.DELETE('/v1/users/{userId}/sessions', {
      params: { path: { userId }, query: { except: laptop!.sessionId } },
    });
    expect(invalidated.response.status).toBe(200);
    const after = await sessions.GET('/v1/users/{userId}/sessions', { params: { path: { userId } } });
    expect(after.data?.sessions).toHaveLength(1);
    for (const gone of created.slice(1)) {
      const { response } = await sessions.GET('/v1/sessions/{sessionId}', { params: { path: { sessionId: gone.sessionId } } });
      expect(response.status).toBe(404);
    }
  });
});

describe('configuration', () => {
  it('a watcher sees a config change', async () => {
    const namespace = `shop-${run}/prod`;
    const baseUrl = await discoverUrl('config-svc');
    const watcher = new ConfigClient({ baseUrl, namespace });
    await watcher.start();
    const seen = new Promise<unknown>((resolve) => watcher.onKey('checkout.timeoutMs', (change) => resolve(change.value)));
    const config = await serviceClient<configApi.paths>('config-svc');
    const { response } = await config.PUT('/v1/config/{namespace}/{key}', {
      params: { path: { namespace, key: 'checkout.timeoutMs' } },
      body: { value: 2500 },
    });
    expect(response.status).toBe(201);
    expect(await seen).toBe(2500);
    expect(watcher.get('checkout.timeoutMs', 0)).toBe(2500);
    watcher.close();
    await config.close();
  });
});

describe('feature flags', () => {
  it('a 10% rollout and a group flag answer the same on the server and in the SDK', async () => {
    const flags = await serviceClient<flagsApi.paths>('flags-svc');
    const environment = `env-${run}`;
    const rollout = await flags.PUT('/v1/flags/{name}', {
      params: { path: { name: 'new-checkout' }, query: { environment } },
      body: { enabled: true, strategies: [{ name: 'percentage', parameters: { percentage: 10 } }] } as never,
    });
    expect(rollout.response.status, JSON.stringify(rollout.error)).toBeLessThan(300);
    const group = await flags.PUT('/v1/flags/{name}', {
      params: { path: { name: 'beta-dashboard' }, query: { environment } },
      body: { enabled: true, strategies: [{ name: 'group', parameters: { groups: ['beta'] } }] } as never,
    });
    expect(group.response.status, JSON.stringify(group.error)).toBeLessThan(300);

    const sdk = new FlagsClient({ baseUrl: await discoverUrl('flags-svc'), environment, usageReportIntervalMs: 0 });
    await sdk.start();
    let enabled = 0;
    for (let i = 0; i < 2_000; i += 1) if (sdk.isEnabled('new-checkout', { userId: `u-${i}` })) enabled += 1;
    expect(enabled / 2_000).toBeGreaterThan(0.07);
    expect(enabled / 2_000).toBeLessThan(0.13);
    expect(sdk.isEnabled('beta-dashboard', { userId: 'a', groups: ['beta'] } as never)).toBe(true);
    expect(sdk.isEnabled('beta-dashboard', { userId: 'b', groups: ['staff'] } as never)).toBe(false);

    // The server agrees with the SDK, user by user (OFREP).
    for (let i = 0; i < 50; i += 1) {
      const { data } = await flags.POST('/ofrep/v1/evaluate/flags/{key}', {
        params: { path: { key: 'new-checkout' } },
        headers: { 'x-trellis-environment': environment },
        body: { context: { targetingKey: `u-${i}` } },
      });
      expect((data as { value: unknown }).value, `u-${i}`).toBe(sdk.isEnabled('new-checkout', { userId: `u-${i}` }));
    }
    await sdk.close();
    await flags.close();
  });
});

describe('rate limits and quotas', () => {
  it('a rate limit admits exactly its limit; a daily quota refuses without charging', async () => {
    const limits = await serviceClient<limitsApi.paths>('limits-svc');
    const policy = `api-${run}`;
    await limits.PUT('/v1/policies/{policy}', {
      params: { path: { policy } },
      body: { algorithm: 'sliding-log', limit: 5, windowSeconds: 60, failMode: 'closed' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const { response } = await limits.POST('/v1/policies/{policy}/check', { params: { path: { policy } }, body: { key: 'client-1' } });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);

    const quota = `exports-${run}`;
    await limits.PUT('/v1/quotas/{quota}', { params: { path: { quota } }, body: { limit: 3, period: 'day', timeZone: 'Europe/Oslo' } });
    const consume = (amount: number) =>
      limits.POST('/v1/quotas/{quota}/consume', { params: { path: { quota } }, body: { key: 'tenant-1', amount } });
    expect((await consume(2)).response.status).toBe(200);
    expect((await consume(2)).response.status).toBe(429);
    const usage = await limits.GET('/v1/quotas/{quota}/usage', { params: { path: { quota }, query: { key: 'tenant-1' } } });
    expect(usage.data).toMatchObject({ used: 2, remaining: 1, limit: 3 });
    await limits.close();
  });
});

describe('shared state', () => {
  it('optimistic locking refuses a stale write; an exclusive lock on order:123 has one holder', async () => {
    const state = await serviceClient<stateApi.paths>('state-svc');
    const namespace = `orders-${run}`;
    const created = await state.PUT('/v1/state/{namespace}/{key}', {
      params: { path: { namespace, key: 'order:123' } },
      body: { data: { status: 'new', items: 2 } },
    });
    expect(created.response.status).toBe(201);
    const etag = created.response.headers.get('etag')!;
    const first = await state.PUT('/v1/state/{namespace}/{key}', {
      params: { path: { namespace, key: 'order:123' } },
      headers: { 'if-match': etag },
      body: { data: { status: 'paid', items: 2 } },
    });
    expect(first.response.status).toBe(200);
    const stale = await state.PUT('/v1/state/{namespace}/{key}', {
      params: { path: { namespace, key: 'order:123' } },
      headers: { 'if-match': etag },
      body: { data: { status: 'cancelled', items: 2 } },
    });
    expect(stale.response.status).toBe(412);

    const lock = `order:123-${run}`;
    const contenders = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        state.POST('/v1/locks/{name}', { params: { path: { name: lock } }, body: { owner: `worker-${i}`, ttlMs: 10_000 } }),
      ),
    );
    const winners = contenders.filter((c) => c.response.status === 201);
    expect(winners).toHaveLength(1);
    expect(contenders.filter((c) => c.response.status === 409)).toHaveLength(4);
    const grant = winners[0]!.data!;
    const released = await state.DELETE('/v1/locks/{name}', { params: { path: { name: lock } }, body: { token: grant.token } });
    expect(released.response.status).toBe(204);
    const next = await state.POST('/v1/locks/{name}', { params: { path: { name: lock } }, body: { owner: 'worker-9', ttlMs: 10_000 } });
    expect(next.data!.fencingToken).toBeGreaterThan(grant.fencingToken);
    await waitFor(() => true);
    await state.close();
  });
});
