import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, readSse, sleep, startTestState, type TestState, testEnv } from './helpers.js';

describe('state watch', () => {
  let state: TestState;
  beforeAll(async () => {
    state = await startTestState(testEnv());
  });
  afterAll(() => state.close());

  const put = (path: string, body: unknown, headers: Record<string, string> = {}) => call(state.url, 'PUT', path, { body, headers });

  it('streams a namespace as SSE with id = revision and the document in each event', async () => {
    // Watching from the listed revision: nothing written after the listing can be missed, however
    // long the stream takes to open.
    const listed = await call(state.url, 'GET', '/v1/state/sse-ns');
    const watching = readSse(`${state.url}/v1/watch/sse-ns?fromRevision=${listed.body.revision}`, { until: (events) => events.length >= 4 });
    await put('/v1/state/sse-ns/a', { data: { n: 1 } });
    await put('/v1/state/other-ns/a', { data: { n: 1 } }); // another namespace: not in this stream
    await put('/v1/state/sse-ns/a', { data: { n: 2 } });
    await put('/v1/state/sse-ns/b', { data: 'b' });
    await call(state.url, 'DELETE', '/v1/state/sse-ns/a');
    const events = await watching;

    expect(events.map((e) => e.event)).toEqual(['created', 'updated', 'created', 'deleted']);
    const bodies = events.map((e) => JSON.parse(e.data));
    expect(bodies[0]).toMatchObject({ type: 'created', data: { namespace: 'sse-ns', key: 'a', previousVersion: null, document: { data: { n: 1 } } } });
    expect(bodies[1].data.previousVersion).toBe(bodies[0].revision);
    expect(bodies[1].data.document).toMatchObject({ version: bodies[1].revision, etag: `"${bodies[1].revision}"`, data: { n: 2 } });
    expect(bodies[3]).toMatchObject({ type: 'deleted', data: { key: 'a', document: null, previousVersion: bodies[1].revision } });
    for (const [i, event] of events.entries()) expect(Number(event.id)).toBe(bodies[i].revision);
  });

  it('watches one key, and resumes with Last-Event-ID: every missed event, in order, once', async () => {
    const listed = await call(state.url, 'GET', '/v1/state/resume');
    const first = readSse(`${state.url}/v1/watch/resume/k?fromRevision=${listed.body.revision}`, { until: (events) => events.length >= 2 });
    await put('/v1/state/resume/k', { data: 0 });
    await put('/v1/state/resume/other', { data: 'x' });
    await put('/v1/state/resume/k', { data: 1 });
    const seen = await first;
    const lastId = seen.at(-1)!.id!;

    for (let i = 2; i < 8; i += 1) {
      await put('/v1/state/resume/k', { data: i });
      await put('/v1/state/resume/other', { data: i });
    }
    const resumed = await readSse(`${state.url}/v1/watch/resume/k`, { lastEventId: lastId, until: (events) => events.length >= 6 });
    const values = [...seen, ...resumed].map((e) => JSON.parse(e.data).data.document.data);
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const revisions = [...seen, ...resumed].map((e) => Number(e.id));
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    expect(new Set(revisions).size).toBe(revisions.length);

    // fromRevision is the query-string form of Last-Event-ID.
    const again = await readSse(`${state.url}/v1/watch/resume/k?fromRevision=${lastId}`, { until: (events) => events.length >= 6 });
    expect(again.map((e) => e.id)).toEqual(resumed.map((e) => e.id));
  });

  it('answers compacted when the revision is gone, so the client re-lists', async () => {
    await put('/v1/state/compact/a', { data: 1 });
    const events = await readSse(`${state.url}/v1/watch/compact`, { lastEventId: '999999', until: (e) => e.length >= 1 });
    expect(events[0]!.event).toBe('compacted');
    const page = await call(state.url, 'GET', '/v1/watch/compact?afterRevision=999999&timeoutSeconds=1');
    expect(page.body).toMatchObject({ compacted: true, events: [] });
  });

  it('long-polls: returns missed events at once, else waits for the next one of the key', async () => {
    const listed = await call(state.url, 'GET', '/v1/state/poll');
    const pending = call(state.url, 'GET', `/v1/watch/poll/wanted?afterRevision=${listed.body.revision}&timeoutSeconds=10`);
    await sleep(200);
    await put('/v1/state/poll/unwanted', { data: 1 });
    await put('/v1/state/poll/wanted', { data: 2 });
    const page = (await pending).body;
    expect(page.compacted).toBe(false);
    expect(page.events.map((e: { type: string; data: { key: string } }) => `${e.type}:${e.data.key}`)).toEqual(['created:wanted']);

    const missed = await call(state.url, 'GET', `/v1/watch/poll?afterRevision=${listed.body.revision}&timeoutSeconds=0`);
    expect(missed.body.events).toHaveLength(2);
    const empty = await call(state.url, 'GET', `/v1/watch/poll?afterRevision=${missed.body.revision}&timeoutSeconds=0`);
    expect(empty.body.events).toEqual([]);
  });

  it('reports an expired document once, by the reaper, without anyone reading it', async () => {
    const listed = await call(state.url, 'GET', '/v1/state/expiry');
    const watching = readSse(`${state.url}/v1/watch/expiry?fromRevision=${listed.body.revision}`, {
      until: (events) => events.length >= 2,
    });
    await put('/v1/state/expiry/flash', { data: 'bye', ttlMs: 300 });
    const events = await watching;
    expect(events.map((e) => e.event)).toEqual(['created', 'expired']);
    expect(JSON.parse(events[1]!.data).data).toMatchObject({ key: 'flash', document: null });
    await sleep(500);
    const later = await call(state.url, 'GET', `/v1/watch/expiry?afterRevision=${listed.body.revision}&timeoutSeconds=0`);
    expect(later.body.events.map((e: { type: string }) => e.type)).toEqual(['created', 'expired']);
  });
});
