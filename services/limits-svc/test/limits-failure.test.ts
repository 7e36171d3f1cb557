import { type RedisServer, randomPrefix, startRedis, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, check, concurrently, putPolicy, startTestLimits, type TestLimits } from './helpers.js';

// Its own standalone Redis (whatever the suite's topology), so it can be killed mid-test.
describe('failMode and the denial cache when Redis goes away', () => {
  let redis: RedisServer;
  let svc: TestLimits;
  beforeAll(async () => {
    redis = await startRedis();
    svc = await startTestLimits({ REDIS_URL: redis.url, TRELLIS_KEY_PREFIX: randomPrefix(), LOG_LEVEL: 'silent' });
    await putPolicy(svc.url, 'open-p', { algorithm: 'fixed-window', limit: 2, windowSeconds: 3600, failMode: 'open' });
    await putPolicy(svc.url, 'closed-p', { algorithm: 'gcra', limit: 2, windowSeconds: 3600, failMode: 'closed' });
  });
  afterAll(async () => {
    await svc?.close();
    await redis?.stop();
  });

  it('a flood of denied calls is answered from the cache', async () => {
    for (let i = 0; i < 3; i += 1) await check(svc.url, 'open-p', 'flooder');
    const flood = await concurrently(100, () => check(svc.url, 'open-p', 'flooder'));
    expect(flood.every((r) => r.status === 429 && r.body.source === 'cache')).toBe(true);
    expect(flood.every((r) => r.body.retryAfterMs > 0 && r.headers.get('retry-after'))).toBe(true);
  });

  it('a reset through this instance drops the cached denial at once', async () => {
    for (let i = 0; i < 3; i += 1) await check(svc.url, 'open-p', 'forgiven');
    expect((await check(svc.url, 'open-p', 'forgiven')).body.source).toBe('cache');
    await call(svc.url, 'DELETE', '/v1/policies/open-p/usage?key=forgiven');
    expect((await check(svc.url, 'open-p', 'forgiven')).status).toBe(200);
  });

  it('while Redis is down: open admits, closed denies, cached denials still deny; then it recovers', async () => {
    await check(svc.url, 'closed-p', 'warm');
    await redis.kill();

    const open = await check(svc.url, 'open-p', 'someone');
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ allowed: true, source: 'fail-open' });

    const closed = await check(svc.url, 'closed-p', 'someone');
    expect(closed.status).toBe(429);
    expect(closed.body).toMatchObject({ allowed: false, source: 'fail-closed', code: 'RATE_LIMITED' });
    expect(closed.headers.get('retry-after')).toBe('1');

    const both = await call(svc.url, 'POST', '/v1/check', { key: 'someone', policies: ['open-p', 'closed-p'] });
    expect(both.status).toBe(429);
    expect(both.body).toMatchObject({ source: 'fail-closed', policy: 'closed-p' });

    const stillDenied = await check(svc.url, 'open-p', 'flooder');
    expect(stillDenied.status).toBe(429);
    expect(stillDenied.body.source).toBe('cache');

    // Anything else that needs Redis is a 503, not a 500.
    const counter = await call(svc.url, 'POST', '/v1/counters/c/increment');
    expect(counter.status).toBe(503);
    expect(counter.headers.get('retry-after')).toBeTruthy();

    await redis.restart();
    await waitFor(async () => ((await check(svc.url, 'open-p', 'after')).body.source === 'redis' ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
  });
});
