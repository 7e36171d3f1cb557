import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateApiClient, type StateApiClient, StateApiError } from '../src/state/state-api.js';
import { updateWithRetry } from '../src/state/update-with-retry.js';
import { withLock } from '../src/state/with-lock.js';
import { type RunningStateSvc, startStateSvc, stateEnv } from './state-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withLock against a real state-svc', () => {
  let a: RunningStateSvc;
  let b: RunningStateSvc;
  let clientA: StateApiClient;
  let clientB: StateApiClient;
  beforeAll(async () => {
    const env = stateEnv();
    [a, b] = await Promise.all([startStateSvc(env), startStateSvc(env)]);
    clientA = createStateApiClient({ baseUrl: a.url });
    clientB = createStateApiClient({ baseUrl: b.url });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const doc = { namespace: 'locked', key: 'counter' };

  it('20 contenders: one holder at a time, increasing fencing tokens, every fenced write lands', async () => {
    await clientA.PUT('/v1/state/{namespace}/{key}', { params: { path: doc }, body: { data: 0 } });
    let inside = 0;
    let maxInside = 0;
    const tokens: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withLock(
          i % 2 === 0 ? clientA : clientB,
          'shared-counter',
          async (lock) => {
            inside += 1;
            maxInside = Math.max(maxInside, inside);
            tokens.push(lock.fencingToken);
            // A plain read then write: only the lock prevents a lost update here.
            const read = await clientA.GET('/v1/state/{namespace}/{key}', { params: { path: doc } });
            await sleep(5);
            const written = await clientB.PUT('/v1/state/{namespace}/{key}', {
              params: { path: doc, header: lock.fence },
              body: { data: (read.data?.data as number) + 1 },
            });
            expect(written.response.status).toBe(200);
            inside -= 1;
          },
          { ttlMs: 5_000, waitMs: 30_000, owner: `contender-${i}` },
        ),
      ),
    );
    expect(maxInside).toBe(1);
    const final = await clientA.GET('/v1/state/{namespace}/{key}', { params: { path: doc } });
    expect(final.data?.data).toBe(20);
    for (let i = 1; i < tokens.length; i += 1) expect(tokens[i]).toBeGreaterThan(tokens[i - 1]!);
    const state = await clientA.GET('/v1/locks/{name}', { params: { path: { name: 'shared-counter' } } });
    expect(state.data).toMatchObject({ held: false, lastFencingToken: tokens.at(-1) });
  }, 120_000);

  it('renews the lease while fn runs longer than the TTL, and releases it afterwards, even on a throw', async () => {
    const result = await withLock(
      clientA,
      'long-job',
      async (lock) => {
        await sleep(1_200);
        expect(lock.signal.aborted).toBe(false);
        const seen = await clientB.GET('/v1/locks/{name}', { params: { path: { name: 'long-job' } } });
        expect(seen.data).toMatchObject({ held: true, fencingToken: lock.fencingToken });
        return 'done';
      },
      { ttlMs: 400 },
    );
    expect(result).toBe('done');
    expect((await clientA.GET('/v1/locks/{name}', { params: { path: { name: 'long-job' } } })).data?.held).toBe(false);

    await expect(withLock(clientA, 'throwing', async () => Promise.reject(new Error('boom')), { ttlMs: 5_000 })).rejects.toThrow('boom');
    expect((await clientA.GET('/v1/locks/{name}', { params: { path: { name: 'throwing' } } })).data?.held).toBe(false);
  });

  it('fails with 409 LOCK_HELD when the lock stays taken', async () => {
    const held = withLock(clientA, 'busy', () => sleep(1_500), { ttlMs: 5_000 });
    await sleep(200);
    const attempt = withLock(clientB, 'busy', async () => 'never', { ttlMs: 5_000, waitMs: 200 });
    await expect(attempt).rejects.toBeInstanceOf(StateApiError);
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'LOCK_HELD' });
    await held;
  });

  it('a holder whose lease lapsed has its fenced writes refused once a successor holds the lock', async () => {
    await clientA.PUT('/v1/state/{namespace}/{key}', { params: { path: { namespace: 'locked', key: 'guarded' } }, body: { data: 'v0' } });
    let successorToken = 0;
    const outcome = await withLock(
      clientA,
      'lossy',
      async (lock) => {
        // Simulate a long pause without renewals by letting another client take the lock after expiry.
        await sleep(600);
        await withLock(
          clientB,
          'lossy',
          async (successor) => {
            successorToken = successor.fencingToken;
            await updateWithRetry(clientB, 'locked', 'guarded', () => 'successor', { fence: successor.fence });
          },
          { ttlMs: 5_000, waitMs: 5_000 },
        );
        const late = await clientA.PUT('/v1/state/{namespace}/{key}', {
          params: { path: { namespace: 'locked', key: 'guarded' }, header: lock.fence },
          body: { data: 'stale holder' },
        });
        return { status: late.response.status, code: (late.error as { code?: string } | undefined)?.code, token: lock.fencingToken };
      },
      { ttlMs: 300, autoExtend: false },
    );
    expect(successorToken).toBeGreaterThan(outcome.token);
    expect(outcome).toMatchObject({ status: 409, code: 'FENCING_TOKEN_STALE' });
    const final = await clientA.GET('/v1/state/{namespace}/{key}', { params: { path: { namespace: 'locked', key: 'guarded' } } });
    expect(final.data?.data).toBe('successor');
  });

  it('aborts lock.signal when the lease lapsed and a renewal is refused, and leaves the successor alone', async () => {
    let successor: { token: string } | undefined;
    const reason = await withLock(
      clientA,
      'stolen',
      async (lock) => {
        // A stop-the-world pause longer than the lease: no renewal can run meanwhile.
        const until = Date.now() + 700;
        while (Date.now() < until) {
          // busy
        }
        const taken = await clientB.POST('/v1/locks/{name}', {
          params: { path: { name: 'stolen' } },
          body: { owner: 'successor', ttlMs: 10_000, waitMs: 5_000 },
        });
        successor = taken.data;
        for (let i = 0; i < 100 && !lock.signal.aborted; i += 1) await sleep(50);
        return lock.signal.reason;
      },
      { ttlMs: 300 },
    );
    expect(reason).toBeInstanceOf(StateApiError);
    expect([404, 409]).toContain((reason as StateApiError).status);
    const state = await clientA.GET('/v1/locks/{name}', { params: { path: { name: 'stolen' } } });
    expect(state.data).toMatchObject({ held: true, owner: 'successor' });
    await clientB.DELETE('/v1/locks/{name}', { params: { path: { name: 'stolen' } }, body: { token: successor!.token } });
  });
});
