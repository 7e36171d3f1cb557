import { createKeySpace, createRedis, type RedisClient, redisSettingsFromEnv } from '@trellis/redis-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, concurrently, startTestLimits, type TestLimits, testEnv } from './helpers.js';

describe('quotas over calendar periods (injected clock)', () => {
  const env = testEnv();
  let svc: TestLimits;
  let redis: RedisClient;
  // Years ahead of the real clock, so the periods' EXPIREAT lies in Redis's future.
  let now = Date.parse('2031-01-15T12:00:00Z');
  const at = (iso: string) => {
    now = Date.parse(iso);
  };
  beforeAll(async () => {
    svc = await startTestLimits(env, { clock: () => now });
    redis = createRedis(redisSettingsFromEnv(env, 'redis://127.0.0.1:6379').connection);
    redis.on('error', () => {});
    await redis.connect();
  });
  afterAll(async () => {
    redis?.disconnect();
    await svc?.close();
  });

  const put = (name: string, body: Record<string, unknown>) => call(svc.url, 'PUT', `/v1/quotas/${name}`, body);
  const consume = (name: string, key: string, amount = 1) => call(svc.url, 'POST', `/v1/quotas/${name}/consume`, { key, amount });
  const usage = (name: string, key: string) => call(svc.url, 'GET', `/v1/quotas/${name}/usage?key=${encodeURIComponent(key)}`);

  it('a month rolls over at the time zone\'s midnight, not UTC\'s', async () => {
    expect((await put('monthly', { limit: 3, period: 'month', timeZone: 'America/New_York' })).status).toBe(201);
    at('2031-01-31T23:59:00-05:00');
    expect((await consume('monthly', 'acme', 3)).status).toBe(200);
    const refused = await consume('monthly', 'acme');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'QUOTA_EXCEEDED', used: 3, remaining: 0, allowed: false });
    expect(refused.headers.get('retry-after')).toBe('60');

    at('2031-02-01T00:00:00Z'); // still January 31st, 19:00, in New York
    expect((await consume('monthly', 'acme')).status).toBe(429);
    at('2031-02-01T04:59:59.999Z'); // 23:59:59.999 in New York
    expect((await consume('monthly', 'acme')).status).toBe(429);

    at('2031-02-01T00:00:00-05:00');
    const fresh = await consume('monthly', 'acme');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({
      used: 1,
      remaining: 2,
      periodStart: '2031-02-01T00:00:00.000-05:00',
      periodEnd: '2031-03-01T00:00:00.000-05:00',
    });
  });

  it('a year rolls over at the time zone\'s midnight', async () => {
    await put('yearly', { limit: 2, period: 'year', timeZone: 'Asia/Tokyo' });
    at('2031-12-31T23:59:59+09:00');
    expect((await consume('yearly', 'k', 2)).status).toBe(200);
    expect((await consume('yearly', 'k')).status).toBe(429);
    at('2032-01-01T00:00:00+09:00');
    const fresh = await usage('yearly', 'k');
    expect(fresh.body).toMatchObject({ used: 0, periodStart: '2032-01-01T00:00:00.000+09:00', periodEnd: '2033-01-01T00:00:00.000+09:00' });
    expect((await consume('yearly', 'k')).status).toBe(200);
  });

  it('periods follow DST: a spring-forward day is 23 hours, and the key expires at the period end', async () => {
    await put('daily-berlin', { limit: 10, period: 'day', timeZone: 'Europe/Berlin' });
    at('2031-03-30T12:00:00+02:00'); // the last Sunday of March 2031: clocks jump 02:00 -> 03:00
    const consumed = await consume('daily-berlin', 'dst');
    expect(consumed.body).toMatchObject({ periodStart: '2031-03-30T00:00:00.000+01:00', periodEnd: '2031-03-31T00:00:00.000+02:00' });
    expect(Date.parse(consumed.body.periodEnd) - Date.parse(consumed.body.periodStart)).toBe(23 * 3_600_000);

    const keys = createKeySpace('limits', { prefix: env.TRELLIS_KEY_PREFIX });
    const key = keys.key('usage', 'dst', 'daily-berlin', 'day', String(Date.parse(consumed.body.periodStart)));
    expect(Number(await redis.call('PEXPIRETIME', key))).toBe(Date.parse(consumed.body.periodEnd));

    await put('weekly', { limit: 10, period: 'week', timeZone: 'Europe/Berlin' });
    const week = await usage('weekly', 'dst');
    expect(week.body).toMatchObject({ periodStart: '2031-03-24T00:00:00.000+01:00', periodEnd: '2031-03-31T00:00:00.000+02:00' });
  });

  it('a refused consume leaves usage unchanged; refund gives back, never below zero', async () => {
    await put('credits', { limit: 10, period: 'month', timeZone: 'UTC' });
    at('2031-05-10T10:00:00Z');
    expect((await consume('credits', 'c', 7)).body.used).toBe(7);
    const refused = await consume('credits', 'c', 4);
    expect(refused.status).toBe(429);
    expect((await usage('credits', 'c')).body.used).toBe(7);
    expect((await consume('credits', 'c', 3)).body.used).toBe(10);
    const refund = await call(svc.url, 'POST', '/v1/quotas/credits/refund', { key: 'c', amount: 4 });
    expect(refund.body).toMatchObject({ refunded: 4, used: 6 });
    const overRefund = await call(svc.url, 'POST', '/v1/quotas/credits/refund', { key: 'c', amount: 100 });
    expect(overRefund.body).toMatchObject({ refunded: 6, used: 0 });
  });

  it('200 concurrent consumers: exactly the limit is admitted', async () => {
    await put('burst', { limit: 50, period: 'day', timeZone: 'UTC' });
    at('2031-06-01T10:00:00Z');
    const responses = await concurrently(200, () => consume('burst', 'many'));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(50);
    expect((await usage('burst', 'many')).body.used).toBe(50);
  });

  it('a quota with no limit set is an explicit 404, and a deleted one too', async () => {
    const missing = await consume('never-defined', 'k');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('QUOTA_NOT_FOUND');
    await put('temporary', { limit: 5, period: 'day', timeZone: 'UTC' });
    expect((await consume('temporary', 'k')).status).toBe(200);
    expect((await call(svc.url, 'DELETE', '/v1/quotas/temporary')).status).toBe(204);
    expect((await consume('temporary', 'k')).status).toBe(404);
  });
});
