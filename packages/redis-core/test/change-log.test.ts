import { randomPrefix, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangeEvent,
  ChangeLog,
  type ChangeScope,
  createKeySpace,
  type RedisClient,
  ScriptRunner,
} from '../src/index.js';
import { blockingFactory, connectTestRedis } from './helpers.js';

describe('change log', () => {
  let redis: RedisClient;
  let log: ChangeLog;
  let emitter: ScriptRunner<'emit'>;

  beforeAll(async () => {
    redis = await connectTestRedis();
    log = new ChangeLog(redis, { openBlockingConnection: blockingFactory(), blockMs: 200, lingerMs: 50 });
    emitter = new ScriptRunner(redis, new URL('./scripts/', import.meta.url), ['emit'] as const);
  });
  afterAll(async () => {
    await log.close();
    redis.disconnect();
  });

  function newScope(): ChangeScope {
    const keys = createKeySpace('test', { prefix: randomPrefix() });
    return { revisionKey: keys.key('revision', 'scope'), streamKey: keys.key('events', 'scope') };
  }

  async function emit(scope: ChangeScope, n: number, maxLen = 10_000): Promise<number[]> {
    const revisions: number[] = [];
    for (let i = 0; i < n; i += 1) {
      revisions.push(await emitter.run<number>('emit', [scope.revisionKey, scope.streamKey], ['changed', JSON.stringify({ i }), maxLen]));
    }
    return revisions;
  }

  function collect(scope: ChangeScope, from: number | undefined) {
    const events: ChangeEvent<{ i: number }>[] = [];
    let compactedAt: number | undefined;
    const subscription = log.subscribe<{ i: number }>(scope, from, {
      event: (event) => events.push(event),
      compacted: (revision) => {
        compactedAt = revision;
      },
    });
    return { events, subscription, compacted: () => compactedAt };
  }

  it('numbers events 1, 2, 3 ... and ranges them after a revision', async () => {
    const scope = newScope();
    expect(await emit(scope, 5)).toEqual([1, 2, 3, 4, 5]);
    const page = await log.range<{ i: number }>(scope, 2);
    expect(page).toMatchObject({ revision: 5, compacted: false });
    expect(page.events.map((e) => e.revision)).toEqual([3, 4, 5]);
    expect(page.events[0]).toMatchObject({ type: 'changed', data: { i: 2 } });
    expect(page.events[0]!.time).toBeGreaterThan(1_600_000_000_000);
  });

  it('delivers history then live events, in order, exactly once', async () => {
    const scope = newScope();
    await emit(scope, 3);
    const watcher = collect(scope, 1);
    // Emit while the catch-up may still be running: nothing may be lost or repeated.
    await emit(scope, 20);
    await waitFor(() => watcher.events.length >= 22, { timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    expect(watcher.events.map((e) => e.revision)).toEqual(Array.from({ length: 22 }, (_, i) => i + 2));
    watcher.subscription.close();
  });

  it('starts at the current revision when none is given', async () => {
    const scope = newScope();
    await emit(scope, 4);
    const watcher = collect(scope, undefined);
    await new Promise((r) => setTimeout(r, 150));
    await emit(scope, 2);
    await waitFor(() => watcher.events.length >= 2, { timeoutMs: 5_000 });
    expect(watcher.events.map((e) => e.revision)).toEqual([5, 6]);
    watcher.subscription.close();
  });

  it('fans out to many subscribers from one blocking reader', async () => {
    const scope = newScope();
    const watchers = Array.from({ length: 50 }, () => collect(scope, 0));
    await emit(scope, 10);
    await waitFor(() => watchers.every((w) => w.events.length === 10), { timeoutMs: 5_000 });
    const clients = 'nodes' in redis ? '' : await redis.client('LIST');
    if (clients) {
      // Each ChangeLog opens one watch connection per scope, however many subscribers.
      const blocked = String(clients).split('\n').filter((line) => line.includes('cmd=xread'));
      expect(blocked.length).toBeLessThanOrEqual(2);
    }
    for (const w of watchers) w.subscription.close();
  });

  it('reports compacted when the revision was trimmed away', async () => {
    const scope = newScope();
    // MAXLEN ~ trims whole macro nodes (100 entries by default), so write well past it.
    await emit(scope, 400, 10);
    const page = await log.range(scope, 1);
    expect(page.compacted).toBe(true);
    const watcher = collect(scope, 1);
    await waitFor(() => watcher.compacted() !== undefined, { timeoutMs: 5_000 });
    expect(watcher.compacted()).toBe(400);
    expect(watcher.events).toEqual([]);
  });

  it('reports compacted for a revision from the future (Redis lost its data)', async () => {
    const scope = newScope();
    await emit(scope, 2);
    expect((await log.range(scope, 50)).compacted).toBe(true);
  });

  it('long-polls: answers at once with history, waits for the next event, or times out empty', async () => {
    const scope = newScope();
    await emit(scope, 2);
    expect((await log.waitForEvents(scope, 0, 1_000)).events).toHaveLength(2);

    const pending = log.waitForEvents(scope, 2, 5_000);
    setTimeout(() => void emit(scope, 1), 100);
    const page = await pending;
    expect(page.events.map((e) => e.revision)).toEqual([3]);

    const started = Date.now();
    const empty = await log.waitForEvents(scope, 3, 300);
    expect(empty).toMatchObject({ revision: 3, compacted: false, events: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('long-polls with a filter, skipping events that do not match', async () => {
    const scope = newScope();
    const pending = log.waitForEvents<{ i: number }>(scope, 0, 5_000, (event) => event.data.i === 2);
    setTimeout(() => void emit(scope, 3), 100);
    const page = await pending;
    expect(page.events.map((e) => e.data.i)).toEqual([2]);
  });
});

describe('change log shutdown', () => {
  it('answers pending long-polls at once when drained or when the caller goes away', async () => {
    const redis = await connectTestRedis();
    const log = new ChangeLog(redis, { openBlockingConnection: blockingFactory(), blockMs: 200, lingerMs: 50 });
    const keys = createKeySpace('test', { prefix: randomPrefix() });
    const scope = { revisionKey: keys.key('revision', 's'), streamKey: keys.key('events', 's') };
    const caller = new AbortController();
    const started = Date.now();
    const abandoned = log.waitForEvents(scope, 0, 30_000, () => true, caller.signal);
    const pending = log.waitForEvents(scope, 0, 30_000);
    await new Promise((r) => setTimeout(r, 100));
    caller.abort();
    expect(await abandoned).toMatchObject({ events: [], compacted: false });
    log.drain();
    expect(await pending).toMatchObject({ events: [], compacted: false });
    // After draining, a new long-poll does not wait either.
    expect((await log.waitForEvents(scope, 0, 30_000)).events).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    await log.close();
    redis.disconnect();
  });
});
