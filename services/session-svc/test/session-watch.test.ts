import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, type Json, readSse, sleep, startTestSessions, type TestSessions, testEnv } from './helpers.js';

const parse = (events: { data: string }[]) => events.map((e) => JSON.parse(e.data) as Json);

describe('session events', () => {
  let svc: TestSessions;
  let s: ReturnType<typeof api>;
  beforeAll(async () => {
    svc = await startTestSessions(testEnv());
    s = api(svc.url);
  });
  afterAll(() => svc.close());

  it('streams created, rotated, deleted and expired as SSE with id = revision, never exposing ids', async () => {
    const from = (await call(`${svc.url}/v1/watch?afterRevision=0&timeoutSeconds=0`, 'GET')).body.revision;
    const watching = readSse(`${svc.url}/v1/watch?userId=watched&fromRevision=${from}`, { until: (events) => events.length >= 4 });
    const created = (await s.create({ userId: 'watched', idleTtlSeconds: 60 })).body;
    await s.create({ userId: 'not-watched' }); // filtered out
    const rotated = (await s.rotate(created.sessionId, { graceSeconds: 1 })).body;
    expect((await s.remove(rotated.sessionId)).status).toBe(204);
    const short = (await s.create({ userId: 'watched', idleTtlSeconds: 1 })).body;
    const events = await watching;
    const more = await readSse(`${svc.url}/v1/watch?userId=watched`, {
      lastEventId: events.at(-1)!.id!,
      until: (e) => e.some((x) => x.event === 'expired'),
    });
    const all = [...events, ...more];
    expect(all.map((e) => e.event)).toEqual(['created', 'rotated', 'deleted', 'created', 'expired']);
    const bodies = parse(all);
    for (const [i, event] of all.entries()) expect(Number(event.id)).toBe(bodies[i].revision);
    expect(bodies[0]).toMatchObject({ type: 'created', data: { sessionRef: created.sessionRef, userId: 'watched' } });
    expect(bodies[0].data.absoluteExpiresAt).toBe(Date.parse(created.absoluteExpiresAt));
    expect(bodies[1]).toMatchObject({ type: 'rotated', data: { sessionRef: created.sessionRef, previousIdValidUntil: Date.parse(rotated.previousIdValidUntil) } });
    expect(bodies[2]).toMatchObject({ type: 'deleted', data: { sessionRef: created.sessionRef, reason: 'logout' } });
    expect(bodies[4]).toMatchObject({ type: 'expired', data: { sessionRef: short.sessionRef, reason: 'idle' } });
    const raw = JSON.stringify(all);
    for (const id of [created.sessionId, rotated.sessionId, short.sessionId]) expect(raw).not.toContain(id);
  });

  it('reports absolute expiry, eviction and invalidation reasons', async () => {
    const page = await call(`${svc.url}/v1/watch?afterRevision=0&timeoutSeconds=0`, 'GET');
    const from = page.body.revision;
    const a = (await s.create({ userId: 'reasons', idleTtlSeconds: 5, absoluteTtlSeconds: 1 })).body;
    await s.create({ userId: 'reasons' });
    await s.invalidate('reasons');
    const events = await waitFor(
      async () => {
        const reply = await call(`${svc.url}/v1/watch?userId=reasons&afterRevision=${from}&timeoutSeconds=1`, 'GET');
        return reply.body.events.length >= 4 && reply.body.events;
      },
      { timeoutMs: 10_000 },
    );
    const summary = events.map((e: Json) => `${e.type}:${e.data.reason ?? ''}`).sort();
    // The 1 s session either expired before the invalidation reached it, or was invalidated.
    expect(summary).toEqual(expect.arrayContaining(['created:', 'created:', 'deleted:invalidated']));
    const first = events.filter((e: Json) => e.data.sessionRef === a.sessionRef).map((e: Json) => `${e.type}:${e.data.reason ?? ''}`);
    expect(['created:,deleted:invalidated', 'created:,expired:absolute']).toContain(first.join(','));
  });

  it('long-polls: missed events at once, else waits for the next one', async () => {
    const now = await call(`${svc.url}/v1/watch?afterRevision=0&timeoutSeconds=0`, 'GET');
    const pending = call(`${svc.url}/v1/watch?userId=poller&afterRevision=${now.body.revision}&timeoutSeconds=10`, 'GET');
    await sleep(200);
    await s.create({ userId: 'other' });
    const mine = (await s.create({ userId: 'poller' })).body;
    const page = (await pending).body;
    expect(page.compacted).toBe(false);
    expect(page.events.map((e: Json) => `${e.type}:${e.data.sessionRef}`)).toEqual([`created:${mine.sessionRef}`]);
    const empty = await call(`${svc.url}/v1/watch?afterRevision=${page.revision}&userId=poller&timeoutSeconds=0`, 'GET');
    expect(empty.body.events).toEqual([]);
    const compacted = await call(`${svc.url}/v1/watch?afterRevision=999999999&timeoutSeconds=0`, 'GET');
    expect(compacted.body).toMatchObject({ compacted: true, events: [] });
  });

  it('resumes with Last-Event-ID: every missed event, in order, once', async () => {
    const from = (await call(`${svc.url}/v1/watch?afterRevision=0&timeoutSeconds=0`, 'GET')).body.revision;
    const first = readSse(`${svc.url}/v1/watch?userId=resume&fromRevision=${from}`, { until: (events) => events.length >= 2 });
    const sessions = [];
    for (let i = 0; i < 2; i += 1) sessions.push((await s.create({ userId: 'resume' })).body);
    const seen = await first;
    for (let i = 2; i < 8; i += 1) sessions.push((await s.create({ userId: 'resume' })).body);
    await s.remove(sessions[0].sessionId);
    const resumed = await readSse(`${svc.url}/v1/watch?userId=resume`, { lastEventId: seen.at(-1)!.id!, until: (e) => e.length >= 7 });
    const labels = parse([...seen, ...resumed]).map((e) => `${e.type}:${e.data.sessionRef}`);
    expect(labels).toEqual([...sessions.map((x) => `created:${x.sessionRef}`), `deleted:${sessions[0].sessionRef}`]);
    const revisions = [...seen, ...resumed].map((e) => Number(e.id));
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
  });
});

describe('expiry across replicas', () => {
  it('reports each expiry exactly once however many replicas reap at the same time', async () => {
    const env = testEnv({ REAPER_INTERVAL_MS: '50' });
    const replicas = await Promise.all([startTestSessions(env), startTestSessions(env), startTestSessions(env)]);
    try {
      const [one] = replicas;
      const start = await call(`${one!.url}/v1/watch?afterRevision=0&timeoutSeconds=0`, 'GET');
      // Spread creation over the replicas: they share the key prefix, so they are one deployment.
      const created = await Promise.all(
        Array.from({ length: 30 }, (_, i) => api(replicas[i % 3]!.url).create({ userId: `exp-${i % 4}`, idleTtlSeconds: 1 })),
      );
      const refs = created.map((c) => c.body.sessionRef as string);
      const events = await waitFor(
        async () => {
          const page = await call(`${one!.url}/v1/watch?afterRevision=${start.body.revision}&timeoutSeconds=1`, 'GET');
          const all: Json[] = page.body.events;
          return all.filter((e) => e.type === 'expired').length >= 30 && all;
        },
        { timeoutMs: 20_000 },
      );
      await sleep(1_000); // give a duplicate time to show up
      const after = await call(`${one!.url}/v1/watch?afterRevision=${start.body.revision}&timeoutSeconds=0`, 'GET');
      const expired = after.body.events.filter((e: Json) => e.type === 'expired').map((e: Json) => e.data.sessionRef);
      expect(expired.sort()).toEqual([...refs].sort());
      expect(events.filter((e: Json) => e.type === 'created')).toHaveLength(30);
      for (let u = 0; u < 4; u += 1) expect((await api(one!.url).list(`exp-${u}`)).body.sessions).toEqual([]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});
