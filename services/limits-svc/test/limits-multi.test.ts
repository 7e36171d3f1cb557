import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, concurrently, putPolicy, startTestLimits, type TestLimits, testEnv } from './helpers.js';

const multi = (url: string, key: string, policies: string[], cost?: number) =>
  call(url, 'POST', '/v1/check', { key, policies, ...(cost ? { cost } : {}) });
const remaining = async (url: string, policy: string, key: string) =>
  (await call(url, 'GET', `/v1/policies/${policy}/usage?key=${encodeURIComponent(key)}`)).body.remaining as number;

describe('multi-policy checks', () => {
  let svc: TestLimits;
  let other: TestLimits;
  beforeAll(async () => {
    const env = testEnv();
    [svc, other] = await Promise.all([startTestLimits(env), startTestLimits(env)]);
    await putPolicy(svc.url, 'second', { algorithm: 'token-bucket', limit: 100, windowSeconds: 1, burst: 20 });
    await putPolicy(svc.url, 'minute', { algorithm: 'sliding-log', limit: 10, windowSeconds: 60 });
    await putPolicy(svc.url, 'day', { algorithm: 'fixed-window', limit: 3, windowSeconds: 86_400 });
  });
  afterAll(async () => {
    await Promise.all([svc?.close(), other?.close()]);
  });

  const policies = ['second', 'minute', 'day'];

  it('a call denied by the daily policy charges neither the second nor the minute policy', async () => {
    for (let i = 0; i < 3; i += 1) expect((await multi(svc.url, 'u1', policies)).status).toBe(200);
    expect(await remaining(svc.url, 'minute', 'u1')).toBe(7);

    const denied = await multi(svc.url, 'u1', policies);
    expect(denied.status).toBe(429);
    expect(denied.body).toMatchObject({ allowed: false, policy: 'day', remaining: 0, limit: 3 });
    expect(denied.headers.get('retry-after')).toBe(String(Math.ceil(denied.body.retryAfterMs / 1000)));
    const charged = Object.fromEntries(denied.body.results.map((r: { policy: string; charged: number }) => [r.policy, r.charged]));
    expect(charged).toEqual({ second: 0, minute: 0, day: 0 });

    // A flood of further denied calls charges nothing either (most never reach Redis).
    const flood = await concurrently(50, () => multi(svc.url, 'u1', policies));
    expect(flood.every((r) => r.status === 429)).toBe(true);
    expect(flood.some((r) => r.body.source === 'cache')).toBe(true);
    expect(await remaining(svc.url, 'minute', 'u1')).toBe(7);
    expect(await remaining(svc.url, 'second', 'u1')).toBeGreaterThanOrEqual(117);
    expect(await remaining(svc.url, 'day', 'u1')).toBe(0);
  });

  it('answers with every policy in RateLimit and RateLimit-Policy, naming the most restrictive', async () => {
    const ok = await multi(svc.url, 'u2', policies);
    expect(ok.status).toBe(200);
    expect(ok.body.policy).toBe('day');
    expect(ok.body.remaining).toBe(2);
    expect(ok.headers.get('ratelimit-policy')).toBe('"second";q=120;w=1, "minute";q=10;w=60, "day";q=3;w=86400');
    expect(ok.headers.get('ratelimit')).toMatch(/^"second";r=119;t=\d+, "minute";r=9;t=\d+, "day";r=2;t=\d+$/);
  });

  it('200 concurrent multi-checks: the tightest admits exactly its limit and the others are charged exactly as often', async () => {
    await putPolicy(svc.url, 'hour', { algorithm: 'gcra', limit: 1_000, windowSeconds: 3_600 });
    const responses = await concurrently(200, (i) => multi(i % 2 ? svc.url : other.url, 'crowd', ['minute', 'hour']));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(10);
    expect(await remaining(svc.url, 'minute', 'crowd')).toBe(0);
    expect(await remaining(svc.url, 'hour', 'crowd')).toBe(990);
  });

  it('a shadow policy is reported but denies nothing, and an enforced denial still charges none', async () => {
    await putPolicy(svc.url, 'shadow-one', { algorithm: 'fixed-window', limit: 1, windowSeconds: 3600, shadow: true });
    await multi(svc.url, 'sh', ['shadow-one', 'minute']);
    const second = await multi(svc.url, 'sh', ['shadow-one', 'minute']);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ allowed: true, limited: true, policy: 'minute' });
    expect(second.headers.get('ratelimit-policy')).toBe('"minute";q=10;w=60');
    expect(await remaining(svc.url, 'minute', 'sh')).toBe(8);
  });

  it('policy changes reach every instance through the change log', async () => {
    await putPolicy(svc.url, 'live', { algorithm: 'fixed-window', limit: 1, windowSeconds: 3600 });
    expect((await call(other.url, 'POST', '/v1/policies/live/check', { key: 'x' })).body.limit).toBe(1);
    await putPolicy(svc.url, 'live', { algorithm: 'fixed-window', limit: 5, windowSeconds: 3600 });
    await waitFor(
      async () => ((await call(other.url, 'GET', '/v1/policies/live/usage?key=y')).body.limit === 5 ? true : undefined),
      { timeoutMs: 10_000 },
    );
    await call(svc.url, 'DELETE', '/v1/policies/live');
    await waitFor(
      async () => ((await call(other.url, 'POST', '/v1/policies/live/check', { key: 'x' })).status === 404 ? true : undefined),
      { timeoutMs: 10_000 },
    );
  });
});
