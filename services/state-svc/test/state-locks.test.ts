import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, sleep, startTestState, type TestState, testEnv } from './helpers.js';

describe('locks with fencing tokens (two instances sharing one Redis)', () => {
  const env = testEnv();
  let a: TestState;
  let b: TestState;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestState(env), startTestState(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const acquire = (url: string, name: string, body: Record<string, unknown>) => call(url, 'POST', `/v1/locks/${name}`, { body });
  const release = (url: string, name: string, token: string) => call(url, 'DELETE', `/v1/locks/${name}`, { body: { token } });
  const extend = (url: string, name: string, token: string, ttlMs: number) =>
    call(url, 'PUT', `/v1/locks/${name}`, { body: { token, ttlMs } });

  it('acquires, reports, extends, refuses a second holder (409 with holder and expiry) and releases', async () => {
    const granted = await acquire(a.url, 'basic', { owner: 'worker-1', ttlMs: 5_000 });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ name: 'basic', owner: 'worker-1', fencingToken: 1 });
    expect(granted.body.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(granted.body.expiresAt) - Date.parse(granted.body.acquiredAt)).toBe(5_000);

    const busy = await acquire(b.url, 'basic', { owner: 'worker-2', ttlMs: 5_000 });
    expect(busy.status).toBe(409);
    expect(busy.headers.get('content-type')).toMatch(/problem\+json/);
    expect(busy.body).toMatchObject({ code: 'LOCK_HELD', holder: { owner: 'worker-1', fencingToken: 1, expiresAt: granted.body.expiresAt } });
    expect(JSON.stringify(busy.body)).not.toContain(granted.body.token);

    const state = await call(b.url, 'GET', '/v1/locks/basic');
    expect(state.body).toMatchObject({ held: true, owner: 'worker-1', fencingToken: 1, lastFencingToken: 1 });
    expect(JSON.stringify(state.body)).not.toContain(granted.body.token);

    const extended = await extend(b.url, 'basic', granted.body.token, 20_000);
    expect(extended.status).toBe(200);
    expect(extended.body.fencingToken).toBe(1);
    expect(Date.parse(extended.body.expiresAt)).toBeGreaterThan(Date.parse(granted.body.expiresAt));

    expect((await release(b.url, 'basic', 'A'.repeat(22))).status).toBe(409);
    expect((await release(a.url, 'basic', granted.body.token)).status).toBe(204);
    expect((await release(a.url, 'basic', granted.body.token)).status).toBe(404);
    expect((await extend(a.url, 'basic', granted.body.token, 1_000)).status).toBe(404);
    expect((await call(a.url, 'GET', '/v1/locks/basic')).body).toMatchObject({ held: false, owner: null, lastFencingToken: 1 });

    const next = await acquire(b.url, 'basic', { owner: 'worker-2', ttlMs: 5_000 });
    expect(next.body.fencingToken).toBe(2);
    await release(b.url, 'basic', next.body.token);
  });

  it('waits for a held lock until it is released, or answers 409 when waitMs runs out', async () => {
    const holder = await acquire(a.url, 'waiting', { owner: 'first', ttlMs: 10_000 });
    const gaveUp = await acquire(b.url, 'waiting', { owner: 'impatient', ttlMs: 1_000, waitMs: 300 });
    expect(gaveUp.status).toBe(409);
    expect(gaveUp.body.holder.owner).toBe('first');

    const waiting = acquire(b.url, 'waiting', { owner: 'patient', ttlMs: 1_000, waitMs: 15_000 });
    await sleep(300);
    await release(a.url, 'waiting', holder.body.token);
    const granted = await waiting;
    expect(granted.status).toBe(201);
    expect(granted.body.owner).toBe('patient');
    expect(granted.body.fencingToken).toBe(holder.body.fencingToken + 1);
  });

  it('20 contenders: never two holders at once, fencing tokens strictly increase, no lost update', async () => {
    await call(a.url, 'PUT', '/v1/state/locked/counter', { body: { data: { value: 0 } } });
    let holders = 0;
    let maxHolders = 0;
    const grants: { fencingToken: number; acquiredAt: number }[] = [];

    const contender = async (index: number) => {
      const url = index % 2 === 0 ? a.url : b.url;
      for (;;) {
        const granted = await acquire(url, 'contended', { owner: `c${index}`, ttlMs: 10_000, waitMs: 20_000 });
        if (granted.status === 409) continue; // waited the full waitMs: ask again
        expect(granted.status).toBe(201);
        holders += 1;
        maxHolders = Math.max(maxHolders, holders);
        grants.push({ fencingToken: granted.body.fencingToken, acquiredAt: grants.length });
        const fence = { 'x-fencing-lock': 'contended', 'x-fencing-token': String(granted.body.fencingToken) };
        // Read-modify-write WITHOUT If-Match: only the lock keeps this from losing updates.
        const read = await call(url, 'GET', '/v1/state/locked/counter');
        await sleep(5);
        const write = await call(url, 'PUT', '/v1/state/locked/counter', {
          body: { data: { value: read.body.data.value + 1 } },
          headers: fence,
        });
        expect(write.status).toBe(200);
        holders -= 1;
        expect((await release(url, 'contended', granted.body.token)).status).toBe(204);
        return;
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => contender(i)));

    expect(maxHolders).toBe(1);
    expect((await call(a.url, 'GET', '/v1/state/locked/counter')).body.data.value).toBe(20);
    const tokens = grants.map((g) => g.fencingToken);
    for (let i = 1; i < tokens.length; i += 1) expect(tokens[i]).toBeGreaterThan(tokens[i - 1]!);
    expect(new Set(tokens).size).toBe(20);
  }, 120_000);

  it('an expired holder cannot release or extend the new holder, and its fenced writes are refused', async () => {
    await call(a.url, 'PUT', '/v1/state/fenced/doc', { body: { data: 'initial' } });
    const old = await acquire(a.url, 'expiring', { owner: 'paused-gc', ttlMs: 200 });
    expect(old.status).toBe(201);
    const oldFence = { 'x-fencing-lock': 'expiring', 'x-fencing-token': String(old.body.fencingToken) };
    expect((await call(a.url, 'PUT', '/v1/state/fenced/doc', { body: { data: 'old-1' }, headers: oldFence })).status).toBe(200);

    // The holder "pauses" past its lease; someone else takes the lock.
    await waitFor(async () => (await call(b.url, 'GET', '/v1/locks/expiring')).body.held === false || undefined, {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    const fresh = await acquire(b.url, 'expiring', { owner: 'successor', ttlMs: 30_000 });
    expect(fresh.status).toBe(201);
    expect(fresh.body.fencingToken).toBeGreaterThan(old.body.fencingToken);

    const lateRelease = await release(a.url, 'expiring', old.body.token);
    expect(lateRelease.status).toBe(409);
    expect(lateRelease.body).toMatchObject({ code: 'LOCK_NOT_OWNED', holder: { owner: 'successor' } });
    expect((await extend(a.url, 'expiring', old.body.token, 60_000)).status).toBe(409);
    expect((await call(a.url, 'GET', '/v1/locks/expiring')).body).toMatchObject({ held: true, owner: 'successor' });

    // Refused even before the successor writes anything: a newer token has been issued.
    const before = await call(a.url, 'PUT', '/v1/state/fenced/doc', { body: { data: 'old-2' }, headers: oldFence });
    expect(before.status).toBe(409);
    expect(before.body).toMatchObject({ code: 'FENCING_TOKEN_STALE', highestFencingToken: fresh.body.fencingToken });

    const newFence = { 'x-fencing-lock': 'expiring', 'x-fencing-token': String(fresh.body.fencingToken) };
    expect((await call(b.url, 'PUT', '/v1/state/fenced/doc', { body: { data: 'new-1' }, headers: newFence })).status).toBe(200);

    // And after: PUT, PATCH and DELETE with the old token all refused, the document untouched.
    expect((await call(a.url, 'PUT', '/v1/state/fenced/doc', { body: { data: 'old-3' }, headers: oldFence })).status).toBe(409);
    const patched = await call(a.url, 'PATCH', '/v1/state/fenced/doc', {
      body: { x: 1 },
      headers: { ...oldFence, 'if-match': '*' },
      contentType: 'application/merge-patch+json',
    });
    expect(patched.status).toBe(409);
    expect((await call(a.url, 'DELETE', '/v1/state/fenced/doc', { headers: oldFence })).status).toBe(409);
    expect((await call(a.url, 'GET', '/v1/state/fenced/doc')).body.data).toBe('new-1');

    // A token that was never issued is refused too.
    const forged = await call(a.url, 'PUT', '/v1/state/fenced/doc', {
      body: { data: 'forged' },
      headers: { 'x-fencing-lock': 'expiring', 'x-fencing-token': String(fresh.body.fencingToken + 100) },
    });
    expect(forged.status).toBe(409);
    expect(forged.body.code).toBe('FENCING_TOKEN_UNKNOWN');
    await release(b.url, 'expiring', fresh.body.token);
  });

  it('lets an expired lock be taken at once, with a larger fencing token', async () => {
    const first = await acquire(a.url, 'lapse', { owner: 'one', ttlMs: 150 });
    const second = await acquire(b.url, 'lapse', { owner: 'two', ttlMs: 5_000, waitMs: 5_000 });
    expect(second.status).toBe(201);
    expect(second.body.fencingToken).toBe(first.body.fencingToken + 1);
  });
});
