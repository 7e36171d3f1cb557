import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestFlags, type TestFlags, testEnv } from './helpers.js';

describe('usage metrics', () => {
  let svc: TestFlags;
  beforeAll(async () => {
    svc = await startTestFlags(testEnv());
    await call(svc.url, 'PUT', '/v1/flags/counted', {
      body: {
        enabled: true,
        strategies: [{ name: 'user_list', userIds: ['yes-1', 'yes-2'] }],
        variants: [{ name: 'only', weight: 1000 }],
      },
    });
  });
  afterAll(() => svc.close());

  it('counts yes/no and variants per flag per minute, from evaluations and SDK reports', async () => {
    for (const user of ['yes-1', 'yes-2', 'no-1', 'yes-1', 'no-2']) {
      await call(svc.url, 'POST', '/ofrep/v1/evaluate/flags/counted', { body: { context: { targetingKey: user } } });
    }
    const now = new Date();
    const report = await call(svc.url, 'POST', '/v1/usage', {
      body: {
        appName: 'web',
        bucket: { start: now.toISOString(), stop: now.toISOString(), toggles: { counted: { yes: 10, no: 5, variants: { only: 10 } } } },
      },
    });
    expect(report.status).toBe(202);
    const usage = await call(svc.url, 'GET', '/v1/flags/counted/usage?minutes=5');
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toEqual({ yes: 13, no: 7, variants: { only: 13 } });
    expect(usage.body.buckets.length).toBeGreaterThanOrEqual(1);
    const sum = usage.body.buckets.reduce((n: number, b: { yes: number }) => n + b.yes, 0);
    expect(sum).toBe(13);
  });
});
