import { waitUntilReady } from '@trellis/redis-core';
import { closeServiceDeps, createServiceDeps, type ServiceDeps } from '@trellis/service-kit';
import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { newSecret, parseSessionId } from '../src/session-ids.js';
import { SessionStore } from '../src/session-store.js';
import { api, call, type Json, startTestSessions, type TestSessions, testEnv } from './helpers.js';

/**
 * A replica that dies after changing a session but before publishing the event leaves the event
 * in the session's outbox: the reaper publishes it later, once. Simulated by driving the store's
 * per-session step directly and never publishing.
 */
describe('events survive a replica dying between the two steps', () => {
  let svc: TestSessions;
  let deps: ServiceDeps;
  let store: SessionStore;
  beforeAll(async () => {
    const env = testEnv();
    svc = await startTestSessions(env);
    const config = loadConfig(env);
    deps = createServiceDeps(config);
    store = new SessionStore(deps.redis, { keyPrefix: config.keyPrefix });
    // The client connects in the background, and the store has no offline queue to wait in.
    expect(await waitUntilReady(deps.redis, 10_000)).toBe(true);
  });
  afterAll(async () => {
    await svc.close();
    await closeServiceDeps(deps);
  });

  const eventsOf = async (ref: string): Promise<Json[]> => {
    const page = await call(`${svc.url}/v1/watch?afterRevision=0&timeoutSeconds=0`, 'GET');
    return page.body.events.filter((e: Json) => e.data.sessionRef === ref);
  };

  it('publishes a half-done rotation and deletion once, when the reaper next visits', async () => {
    const s = api(svc.url);
    const rotating = (await s.create({ userId: 'crash', idleTtlSeconds: 1, absoluteTtlSeconds: 60 })).body;
    const deleting = (await s.create({ userId: 'crash', idleTtlSeconds: 1, absoluteTtlSeconds: 60 })).body;

    const r = parseSessionId(rotating.sessionId)!;
    const nextSecret = newSecret();
    expect(await store.rotate(r.family, r.secret, nextSecret, 0)).toBeDefined(); // ...and the replica dies
    const d = parseSessionId(deleting.sessionId)!;
    expect((await store.remove(d.family, d.secret, 'logout')).status).toBe(1); // ...and dies again

    expect((await s.get(deleting.sessionId)).status).toBe(404); // the deletion itself took effect at once
    const rotatedId = r.family + nextSecret;
    // Keep the rotated session busy: the reaper finds it alive, publishes the rotation, files it again.
    await waitFor(
      async () => {
        await s.get(rotatedId);
        return (await eventsOf(rotating.sessionRef)).some((e) => e.type === 'rotated');
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await waitFor(async () => (await eventsOf(deleting.sessionRef)).some((e) => e.type === 'deleted'), { timeoutMs: 10_000 });
    await waitFor(async () => (await eventsOf(rotating.sessionRef)).some((e) => e.type === 'expired'), { timeoutMs: 10_000 });

    expect((await eventsOf(rotating.sessionRef)).map((e) => e.type)).toEqual(['created', 'rotated', 'expired']);
    expect((await eventsOf(deleting.sessionRef)).map((e) => `${e.type}:${e.data.reason ?? ''}`)).toEqual(['created:', 'deleted:logout']);
  });

  it('a late publish of a removed session changes nothing', async () => {
    const s = api(svc.url);
    const session = (await s.create({ userId: 'late' })).body;
    const { family, secret } = parseSessionId(session.sessionId)!;
    const removed = await store.remove(family, secret, 'logout');
    await store.publish(family, 'removed', 0, removed.outbox);
    const before = (await eventsOf(session.sessionRef)).length;
    // A replica that stalled with an older outbox snapshot now publishes it, asking to keep it live.
    expect((await store.publish(family, 'live', Date.now() + 60_000, removed.outbox)).emitted).toBe(0);
    expect((await eventsOf(session.sessionRef)).length).toBe(before);
  });
});
