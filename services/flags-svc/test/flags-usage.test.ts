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
    // No body at all (not the JSON text `null`).
    expect(report.headers.get('content-type')).toBeNull();
    expect(report.headers.get('content-length')).toBe('0');
    const usage = await call(svc.url, 'GET', '/v1/flags/counted/usage?minutes=5');
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toEqual({ yes: 13, no: 7, variants: { only: 13 } });
    expect(usage.body.buckets.length).toBeGreaterThanOrEqual(1);
    const sum = usage.body.buckets.reduce((n: number, b: { yes: number }) => n + b.yes, 0);
    expect(sum).toBe(13);
  });

  it('counts each flag of a bulk evaluation once, apart for each environment', async () => {
    for (const environment of ['usage-a', 'usage-b']) {
      for (const name of ['bulk-on', 'bulk-off']) {
        const put = await call(svc.url, 'PUT', `/v1/flags/${name}?environment=${environment}`, {
          body: { enabled: name === 'bulk-on', strategies: [{ name: 'default' }] },
        });
        expect(put.status).toBe(201);
      }
    }
    const bulk = (environment: string) => call(svc.url, 'POST', `/ofrep/v1/evaluate/flags?environment=${environment}`, { body: { context: {} } });
    for (let i = 0; i < 3; i += 1) expect((await bulk('usage-a')).status).toBe(200);
    expect((await bulk('usage-b')).status).toBe(200);
    const single = await call(svc.url, 'POST', '/ofrep/v1/evaluate/flags/bulk-on?environment=usage-a', { body: { context: {} } });
    expect(single.body).toMatchObject({ key: 'bulk-on', value: true });

    const totals = async (name: string, environment: string) =>
      (await call(svc.url, 'GET', `/v1/flags/${name}/usage?minutes=5&environment=${environment}`)).body.totals;
    expect(await totals('bulk-on', 'usage-a')).toEqual({ yes: 4, no: 0, variants: {} });
    expect(await totals('bulk-off', 'usage-a')).toEqual({ yes: 0, no: 3, variants: {} });
    expect(await totals('bulk-on', 'usage-b')).toEqual({ yes: 1, no: 0, variants: {} });
    expect(await totals('bulk-off', 'usage-b')).toEqual({ yes: 0, no: 1, variants: {} });
  });

  it('refuses reports whose toggles are not flag names with whole counts', async () => {
    const now = new Date().toISOString();
    const report = (toggles: unknown) => call(svc.url, 'POST', '/v1/usage', { body: { bucket: { start: now, stop: now, toggles } } });
    for (const toggles of [
      { counted: { yes: 1.5, no: 0 } },
      { 'not a flag name': { yes: 1, no: 0 } },
      { 'a\nb': { yes: '1 ', no: 0 } },
      { ['x'.repeat(101)]: { yes: 1, no: 0 } },
      { counted: { yes: 1, no: 0, variants: { only: 0.5 } } },
    ]) {
      const answer = await report(toggles);
      expect(answer.status, JSON.stringify(toggles)).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
