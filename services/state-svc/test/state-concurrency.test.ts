import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestState, type TestState, testEnv } from './helpers.js';

describe('state under concurrency (two instances sharing one Redis)', () => {
  const env = testEnv();
  let a: TestState;
  let b: TestState;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestState(env), startTestState(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('50 clients x 20 read-modify-CAS increments: the final value equals the successful CAS writes', async () => {
    const path = '/v1/state/counters/shared';
    expect((await call(a.url, 'PUT', path, { body: { data: { value: 0 } } })).status).toBe(201);

    const client = async (index: number) => {
      const url = index % 2 === 0 ? a.url : b.url;
      let succeeded = 0;
      let conflicts = 0;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const read = await call(url, 'GET', path);
        expect(read.status).toBe(200);
        const next = { value: read.body.data.value + 1 };
        const write = await call(url, 'PUT', path, { body: { data: next }, headers: { 'if-match': read.headers.get('etag')! } });
        if (write.status === 200) succeeded += 1;
        else {
          expect(write.status).toBe(412);
          expect(write.body.currentETag).toMatch(/^"\d+"$/);
          conflicts += 1;
        }
      }
      return { succeeded, conflicts };
    };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => client(i)));
    const succeeded = results.reduce((sum, r) => sum + r.succeeded, 0);
    const conflicts = results.reduce((sum, r) => sum + r.conflicts, 0);

    const final = await call(a.url, 'GET', path);
    expect(succeeded + conflicts).toBe(1_000);
    expect(succeeded).toBeGreaterThan(0);
    expect(final.body.data.value).toBe(succeeded);
  }, 180_000);

  it('concurrent merge patches of different fields through both instances all survive', async () => {
    const path = '/v1/state/counters/fields';
    await call(a.url, 'PUT', path, { body: { data: {} } });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(i % 2 === 0 ? a.url : b.url, 'PATCH', path, {
          body: { [`field${i}`]: i },
          headers: { 'if-match': '*' },
          contentType: 'application/merge-patch+json',
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    const data = (await call(b.url, 'GET', path)).body.data;
    expect(Object.keys(data).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `field${i}`).sort());
  }, 60_000);

  it('creates exactly once under If-None-Match: * races', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(i % 2 === 0 ? a.url : b.url, 'PUT', '/v1/state/counters/once', { body: { data: i }, headers: { 'if-none-match': '*' } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(29);
    const winner = results.find((r) => r.status === 201)!;
    expect((await call(b.url, 'GET', '/v1/state/counters/once')).body.data).toBe(winner.body.data);
  });
});
