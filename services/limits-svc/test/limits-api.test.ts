import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, check, putPolicy, startTestLimits, type TestLimits } from './helpers.js';

describe('limits-svc API', () => {
  let svc: TestLimits;
  beforeAll(async () => {
    svc = await startTestLimits();
  });
  afterAll(() => svc.close());

  it('counters: increment with a TTL set on creation, decrement, get, reset', async () => {
    const first = await call(svc.url, 'POST', '/v1/counters/emails:sent/increment', { by: 5, ttlSeconds: 60 });
    expect(first.status).toBe(200);
    expect(first.body.value).toBe(5);
    expect(first.body.ttlMs).toBeGreaterThan(55_000);
    const down = await call(svc.url, 'POST', '/v1/counters/emails:sent/decrement', { by: 2 });
    expect(down.body.value).toBe(3);
    expect(down.body.ttlMs).toBeGreaterThan(0);
    expect((await call(svc.url, 'POST', '/v1/counters/plain/increment')).body).toEqual({ name: 'plain', value: 1, ttlMs: null });
    expect((await call(svc.url, 'GET', '/v1/counters/emails:sent')).body.value).toBe(3);
    expect((await call(svc.url, 'DELETE', '/v1/counters/emails:sent')).status).toBe(204);
    const gone = await call(svc.url, 'GET', '/v1/counters/emails:sent');
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('counters: 200 concurrent increments lose nothing', async () => {
    await Promise.all(Array.from({ length: 200 }, () => call(svc.url, 'POST', '/v1/counters/hits/increment', { by: 1, ttlSeconds: 30 })));
    const counter = await call(svc.url, 'GET', '/v1/counters/hits');
    expect(counter.body.value).toBe(200);
    expect(counter.body.ttlMs).toBeGreaterThan(0);
  });

  it('policies: create 201 with ETag, replace 200, If-Match 412 with currentETag, list, delete', async () => {
    const created = await call(svc.url, 'PUT', '/v1/policies/api', { algorithm: 'gcra', limit: 10, windowSeconds: 60, burst: 5, failMode: 'closed' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'api', algorithm: 'gcra', limit: 10, burst: 5, shadow: false, chargeRejected: false, failMode: 'closed' });
    const etag = created.headers.get('etag')!;
    expect(etag).toBe(`"${created.body.revision}"`);

    const stale = await call(svc.url, 'PUT', '/v1/policies/api', { algorithm: 'gcra', limit: 20, windowSeconds: 60, failMode: 'open' }, { 'if-match': '"999"' });
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).toBe(etag);
    const replaced = await call(svc.url, 'PUT', '/v1/policies/api', { algorithm: 'gcra', limit: 20, windowSeconds: 60, failMode: 'open' }, { 'if-match': etag });
    expect(replaced.status).toBe(200);
    expect(replaced.body.limit).toBe(20);

    await putPolicy(svc.url, 'zzz-last', { algorithm: 'fixed-window', limit: 1, windowSeconds: 1 });
    const page1 = await call(svc.url, 'GET', '/v1/policies?limit=1');
    expect(page1.body.items.map((p: { name: string }) => p.name)).toEqual(['api']);
    const page2 = await call(svc.url, 'GET', `/v1/policies?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((p: { name: string }) => p.name)).toEqual(['zzz-last']);
    expect((await call(svc.url, 'DELETE', '/v1/policies/zzz-last')).status).toBe(204);
    expect((await call(svc.url, 'GET', '/v1/policies/zzz-last')).status).toBe(404);
    expect((await check(svc.url, 'zzz-last', 'k')).body.code).toBe('POLICY_NOT_FOUND');
  });

  it('check: 200 then 429 problem+json with RateLimit, RateLimit-Policy and Retry-After', async () => {
    await putPolicy(svc.url, 'per-minute', { algorithm: 'fixed-window', limit: 2, windowSeconds: 60 });
    const ok = await check(svc.url, 'per-minute', 'user:1');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ allowed: true, limited: false, policy: 'per-minute', limit: 2, remaining: 1, retryAfterMs: 0, source: 'redis' });
    expect(ok.headers.get('ratelimit-policy')).toBe('"per-minute";q=2;w=60');
    expect(ok.headers.get('ratelimit')).toMatch(/^"per-minute";r=1;t=\d+$/);
    await check(svc.url, 'per-minute', 'user:1');
    const denied = await check(svc.url, 'per-minute', 'user:1');
    expect(denied.status).toBe(429);
    expect(denied.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(denied.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', allowed: false, remaining: 0 });
    expect(denied.body.retryAfterMs).toBeGreaterThan(0);
    expect(Number(denied.headers.get('retry-after'))).toBe(Math.ceil(denied.body.retryAfterMs / 1000));
    expect(denied.headers.get('ratelimit')).toMatch(/^"per-minute";r=0;t=\d+$/);
  });

  it('peek consumes nothing; penalty and reward adjust; reset clears', async () => {
    await putPolicy(svc.url, 'peekable', { algorithm: 'token-bucket', limit: 10, windowSeconds: 3600 });
    const q = '/v1/policies/peekable/usage?key=alice';
    expect((await call(svc.url, 'GET', q)).body).toMatchObject({ key: 'alice', remaining: 10, limited: false });
    expect((await call(svc.url, 'GET', q)).body.remaining).toBe(10);
    await check(svc.url, 'peekable', 'alice', 3);
    expect((await call(svc.url, 'GET', q)).body.remaining).toBe(7);
    const penalized = await call(svc.url, 'POST', '/v1/policies/peekable/penalty', { key: 'alice', points: 7 });
    expect(penalized.body).toMatchObject({ remaining: 0, limited: true });
    expect((await check(svc.url, 'peekable', 'alice')).status).toBe(429);
    const rewarded = await call(svc.url, 'POST', '/v1/policies/peekable/reward', { key: 'alice', points: 4 });
    expect(rewarded.body).toMatchObject({ remaining: 4, limited: false });
    expect((await check(svc.url, 'peekable', 'alice')).status).toBe(200);
    expect((await call(svc.url, 'DELETE', '/v1/policies/peekable/usage?key=alice')).status).toBe(204);
    expect((await call(svc.url, 'GET', q)).body.remaining).toBe(10);
  });

  it('a penalty of any size on a sliding log costs O(limit), not one entry per point', async () => {
    await putPolicy(svc.url, 'log-penalty', { algorithm: 'sliding-log', limit: 10_000, windowSeconds: 60, chargeRejected: true });
    const started = Date.now();
    const penalized = await call(svc.url, 'POST', '/v1/policies/log-penalty/penalty', { key: 'eve', points: 1_000_000_000_000 });
    expect(penalized.status).toBe(200);
    expect(penalized.body).toMatchObject({ remaining: 0, limited: true });
    // A charged rejection (of at most the capacity: a larger cost is a 422) takes the same path.
    expect((await check(svc.url, 'log-penalty', 'eve', 10_000)).status).toBe(429);
    expect(Date.now() - started).toBeLessThan(5_000);
    const rewarded = await call(svc.url, 'POST', '/v1/policies/log-penalty/reward', { key: 'eve', points: 1_000_000_000_000 });
    expect(rewarded.body).toMatchObject({ remaining: 10_000, limited: false });
  });

  it('refuses a bucket that would take longer than its state can live to refill; the largest allowed one works', async () => {
    for (const algorithm of ['token-bucket', 'gcra']) {
      const endless = await call(svc.url, 'PUT', `/v1/policies/endless-${algorithm}`, {
        algorithm, limit: 1, windowSeconds: 31_622_400, burst: 1_000_000_000_000, failMode: 'open',
      });
      expect(endless.status).toBe(400);
      expect(endless.body.code).toBe('INVALID_DEFINITION');
      await putPolicy(svc.url, `largest-${algorithm}`, { algorithm, limit: 1, windowSeconds: 1, burst: 999_999_999_999 });
      const penalized = await call(svc.url, 'POST', `/v1/policies/largest-${algorithm}/penalty`, { key: 'k', points: 1_000_000_000_000 });
      expect(penalized.status).toBe(200);
      expect((await check(svc.url, `largest-${algorithm}`, 'k', 1_000_000_000_000)).status).toBe(429);
    }
  });

  it('block denies for the duration without charging; unblock lifts it', async () => {
    await putPolicy(svc.url, 'blockable', { algorithm: 'sliding-log', limit: 5, windowSeconds: 60 });
    const blocked = await call(svc.url, 'POST', '/v1/policies/blockable/block', { key: 'mallory', durationSeconds: 30 });
    expect(blocked.status).toBe(200);
    expect(blocked.body.blockedForMs).toBeGreaterThan(29_000);
    const denied = await check(svc.url, 'blockable', 'mallory');
    expect(denied.status).toBe(429);
    expect(denied.body.retryAfterMs).toBeGreaterThan(29_000);
    expect((await call(svc.url, 'DELETE', '/v1/policies/blockable/block?key=mallory')).status).toBe(204);
    const after = await check(svc.url, 'blockable', 'mallory');
    expect(after.status).toBe(200);
    expect(after.body.remaining).toBe(4);
  });

  it('shadow: decided and reported, never enforced', async () => {
    await putPolicy(svc.url, 'shadowed', { algorithm: 'fixed-window', limit: 1, windowSeconds: 60, shadow: true });
    expect((await check(svc.url, 'shadowed', 's')).body).toMatchObject({ allowed: true, limited: false });
    const second = await check(svc.url, 'shadowed', 's');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ allowed: true, limited: true, retryAfterMs: 0 });
    expect(second.body.results[0]).toMatchObject({ shadow: true, limited: true, allowed: true, charged: 0 });
    expect(second.headers.get('ratelimit')).toBeNull();
  });

  it('chargeRejected counts denied calls; by default they cost nothing', async () => {
    await putPolicy(svc.url, 'free-reject', { algorithm: 'sliding-window', limit: 2, windowSeconds: 60 });
    await putPolicy(svc.url, 'paid-reject', { algorithm: 'sliding-window', limit: 2, windowSeconds: 60, chargeRejected: true });
    for (const policy of ['free-reject', 'paid-reject']) {
      for (let i = 0; i < 5; i += 1) await check(svc.url, policy, 'flooder');
    }
    const free = await call(svc.url, 'POST', '/v1/policies/free-reject/reward', { key: 'flooder', points: 1 });
    const paid = await call(svc.url, 'POST', '/v1/policies/paid-reject/reward', { key: 'flooder', points: 1 });
    expect(free.body.remaining).toBe(1);
    expect(paid.body.remaining).toBe(0);
  });

  it('bad input answers 4xx problem+json', async () => {
    const cases: [string, string, unknown, number][] = [
      ['PUT', '/v1/policies/bad', { algorithm: 'leaky', limit: 1, windowSeconds: 1, failMode: 'open' }, 400],
      ['PUT', '/v1/policies/bad', { algorithm: 'gcra', limit: 0, windowSeconds: 1, failMode: 'open' }, 400],
      ['PUT', '/v1/policies/bad', { algorithm: 'gcra', limit: 1, windowSeconds: 1 }, 400],
      ['PUT', '/v1/policies/bad', { algorithm: 'fixed-window', limit: 1, windowSeconds: 1, burst: 3, failMode: 'open' }, 400],
      ['PUT', '/v1/policies/bad', { algorithm: 'sliding-log', limit: 1_000_000, windowSeconds: 1, failMode: 'open' }, 400],
      ['PUT', '/v1/policies/bad%20name', { algorithm: 'gcra', limit: 1, windowSeconds: 1, failMode: 'open' }, 400],
      ['PUT', '/v1/policies/bad', { algorithm: 'gcra', limit: 1, windowSeconds: 1, failMode: 'open', extra: 1 }, 400],
      ['POST', '/v1/policies/per-minute/check', { key: '' }, 400],
      ['POST', '/v1/policies/per-minute/check', { key: 'x'.repeat(513) }, 400],
      ['POST', '/v1/policies/per-minute/check', { key: 'k', cost: 3 }, 422],
      ['POST', '/v1/policies/per-minute/check', { key: 'k', cost: -1 }, 400],
      ['POST', '/v1/check', { key: 'k', policies: [] }, 400],
      ['POST', '/v1/check', { key: 'k', policies: ['a', 'a'] }, 400],
      ['POST', '/v1/check', { key: 'k', policies: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] }, 400],
      ['POST', '/v1/counters/c/increment', { by: 0 }, 400],
      ['POST', '/v1/counters/c/increment', { by: 1.5 }, 400],
      ['PUT', '/v1/quotas/q', { limit: 10, period: 'month', timeZone: 'Mars/Olympus' }, 400],
      ['PUT', '/v1/quotas/q', { limit: 10, period: 'fortnight', timeZone: 'UTC' }, 400],
      ['POST', '/v1/quotas/nobody/consume', { key: 'k', amount: 1 }, 404],
      ['GET', '/v1/quotas/nobody/usage?key=k', undefined, 404],
      ['GET', '/v1/policies/per-minute/usage', undefined, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const response = await call(svc.url, method, path, body);
      expect({ method, path, status: response.status }).toEqual({ method, path, status });
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const notJson = await fetch(`${svc.url}/v1/policies/per-minute/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const overflow = await call(svc.url, 'POST', '/v1/counters/big/increment', { by: 1_000_000_000_000 });
    expect(overflow.status).toBe(200);
  });
});
