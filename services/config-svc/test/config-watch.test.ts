import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Json, ns, putValue, readSse, startTestConfigSvc, type TestConfigSvc, testEnv } from './helpers.js';

describe('config watch', () => {
  let svc: TestConfigSvc;
  let base: string;
  beforeAll(async () => {
    svc = await startTestConfigSvc(testEnv());
    base = svc.url;
  });
  afterAll(() => svc.close());

  const watchUrl = (namespace: string, query = '') => `${base}/v1/config/${ns(namespace)}/_watch${query}`;
  const revisionOf = async (namespace: string) => (await call(`${base}/v1/config/${ns(namespace)}`)).body.revision as number;

  it('streams every change of the namespace as SSE, id = revision, values included', async () => {
    await putValue(base, 'app/prod', 'before', 'ignored');
    const from = await revisionOf('app/prod');
    const watching = readSse(watchUrl('app/prod', `?fromRevision=${from}`), { until: (events) => events.length >= 4 });
    await putValue(base, 'app/prod', 'timeout', 30, { 'x-trellis-actor': 'ops' });
    await putValue(base, 'app/staging', 'timeout', 99); // another namespace: never seen here
    await putValue(base, 'app/prod', 'timeout', { ms: 45 });
    await call(`${base}/v1/config/${ns('app/prod')}/_schemas/timeout`, { method: 'PUT', body: { schema: { type: 'object' } } });
    await call(`${base}/v1/config/${ns('app/prod')}/timeout`, { method: 'DELETE' });
    const events = await watching;
    expect(events.map((e) => e.event)).toEqual(['put', 'put', 'schema-put', 'delete']);
    const bodies = events.map((e) => JSON.parse(e.data));
    expect(bodies[0]).toMatchObject({
      type: 'put',
      revision: from + 1,
      data: { namespace: 'app/prod', key: 'timeout', value: 30, version: 1, createRevision: from + 1, modRevision: from + 1, updatedBy: 'ops' },
    });
    expect(bodies[1].data).toMatchObject({ value: { ms: 45 }, version: 2 });
    expect(bodies[2].data).toMatchObject({ selector: 'timeout' });
    expect(bodies[3].data).toMatchObject({ key: 'timeout', version: 3 });
    expect(bodies[3].data.value).toBeUndefined();
    for (const [i, event] of events.entries()) expect(Number(event.id)).toBe(bodies[i].revision);
    expect(bodies.map((b) => b.revision)).toEqual([from + 1, from + 2, from + 3, from + 4]);
  });

  it('filters by key prefix', async () => {
    const watching = readSse(watchUrl('pfx', '?fromRevision=0&prefix=db.'), { until: (events) => events.length >= 2 });
    await putValue(base, 'pfx', 'db.host', 'h');
    await putValue(base, 'pfx', 'cache.ttl', 5);
    await putValue(base, 'pfx', 'db.port', 5432);
    const keys = (await watching).map((e) => JSON.parse(e.data).data.key);
    expect(keys).toEqual(['db.host', 'db.port']);
  });

  it('resumes with Last-Event-ID: every missed change, in order, exactly once', async () => {
    const first = readSse(watchUrl('resume', '?fromRevision=0'), { until: (events) => events.length >= 2 });
    await putValue(base, 'resume', 'k0', 0);
    await putValue(base, 'resume', 'k1', 1);
    const seen = await first; // the watcher goes away here
    for (let i = 2; i < 30; i += 1) await putValue(base, 'resume', `k${i % 5}`, i);
    await call(`${base}/v1/config/resume/k0`, { method: 'DELETE' });

    const resumed = await readSse(watchUrl('resume'), { lastEventId: seen.at(-1)!.id!, until: (events) => events.length >= 29 });
    const all = [...seen, ...resumed];
    expect(all.map((e) => Number(e.id))).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(all.slice(0, 30).map((e) => JSON.parse(e.data).data.value)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(all.at(-1)!.event).toBe('delete');
  });

  it('says "compacted" when the changes to resume from were trimmed, so the client re-reads the snapshot', async () => {
    const small = await startTestConfigSvc(testEnv({ EVENT_STREAM_MAX_LENGTH: '10' }));
    try {
      // Streams trim whole nodes of ~100 entries: 300 writes leave revision 2 far behind.
      for (let i = 0; i < 300; i += 1) await putValue(small.url, 'trim', `k${i % 7}`, i);
      const events = await readSse(`${small.url}/v1/config/trim/_watch`, { lastEventId: '1', until: (e) => e.length >= 1 });
      expect(events[0]!.event).toBe('compacted');
      expect(JSON.parse(events[0]!.data).revision).toBe(300);
      const page = (await call(`${small.url}/v1/config/trim/_watch?afterRevision=1&timeoutSeconds=1`)).body;
      expect(page).toMatchObject({ compacted: true, revision: 300, events: [] });
      // Recent history is still there.
      const recent = (await call(`${small.url}/v1/config/trim/_watch?afterRevision=295&timeoutSeconds=0`)).body;
      expect(recent.events.map((e: Json) => e.revision)).toEqual([296, 297, 298, 299, 300]);
    } finally {
      await small.close();
    }
    // A revision the namespace never reached (Redis lost its data) is compacted too.
    const future = await readSse(watchUrl('resume'), { lastEventId: '999999', until: (e) => e.length >= 1 });
    expect(future[0]!.event).toBe('compacted');
  });

  it('long-polls: missed changes at once, else waits for the next one', async () => {
    await putValue(base, 'poll', 'a', 1);
    const immediate = (await call(watchUrl('poll', '?afterRevision=0&timeoutSeconds=10'))).body;
    expect(immediate).toMatchObject({ compacted: false, revision: 1 });
    expect(immediate.events.map((e: Json) => e.data.key)).toEqual(['a']);

    const pending = call(watchUrl('poll', '?afterRevision=1&timeoutSeconds=20&prefix=b'));
    await new Promise((r) => setTimeout(r, 200));
    await putValue(base, 'poll', 'a', 2); // filtered out
    await putValue(base, 'poll', 'b', 3);
    const page = (await pending).body;
    expect(page.events.map((e: Json) => `${e.type}:${e.data.key}=${e.data.value}`)).toEqual(['put:b=3']);
    expect(page.revision).toBe(3);
    const empty = (await call(watchUrl('poll', `?afterRevision=${page.revision}&timeoutSeconds=0`))).body;
    expect(empty).toEqual({ revision: 3, compacted: false, events: [] });
  });

  it('leaves large values out of events (valueOmitted), for watchers to fetch', async () => {
    const big = 'x'.repeat(100 * 1_024);
    await putValue(base, 'large', 'blob', big);
    await putValue(base, 'large', 'small', 'tiny');
    const page = (await call(watchUrl('large', '?afterRevision=0&timeoutSeconds=0'))).body;
    expect(page.events[0].data).toMatchObject({ key: 'blob', valueOmitted: true, modRevision: 1 });
    expect(page.events[0].data.value).toBeUndefined();
    expect(page.events[1].data).toMatchObject({ key: 'small', value: 'tiny' });
    expect((await call(`${base}/v1/config/large/blob`)).body.value).toBe(big);
  });
});
