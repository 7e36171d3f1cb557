import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, readSse, sleep, startTestFlags, type TestFlags, testEnv } from './helpers.js';

describe('flag change events', () => {
  let svc: TestFlags;
  beforeAll(async () => {
    svc = await startTestFlags(testEnv({ EVENT_STREAM_MAX_LENGTH: '100' }));
  });
  afterAll(() => svc.close());

  const put = (name: string, body: unknown, env = 'watch') => call(svc.url, 'PUT', `/v1/flags/${name}?environment=${env}`, { body });

  it('streams changes as SSE with id = revision and resumes with Last-Event-ID', async () => {
    let opened: () => void = () => {};
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const watching = readSse(`${svc.url}/v1/watch?environment=watch`, { until: (events) => events.length >= 3, onOpen: () => opened() });
    await open;
    await put('w1', { enabled: true, strategies: [] });
    await put('other-env', { enabled: true, strategies: [] }, 'elsewhere');
    const seg = await call(svc.url, 'POST', '/v1/segments?environment=watch', { body: { name: 's', constraints: [] } });
    await call(svc.url, 'DELETE', '/v1/flags/w1?environment=watch');
    const events = await watching;
    expect(events.map((e) => e.event)).toEqual(['feature-updated', 'segment-updated', 'feature-removed']);
    const bodies = events.map((e) => JSON.parse(e.data));
    expect(bodies[0]).toMatchObject({ type: 'feature-updated', data: { environment: 'watch', feature: { name: 'w1', enabled: true }, meta: { version: 1 } } });
    expect(bodies[1].data.segment).toMatchObject({ id: seg.body.segment.id, name: 's' });
    expect(bodies[2].data).toEqual({ environment: 'watch', featureName: 'w1' });
    for (const [i, event] of events.entries()) expect(Number(event.id)).toBe(bodies[i].revision);

    // Changes while nobody watches, then resume.
    for (let i = 0; i < 5; i += 1) await put(`r${i}`, { enabled: i % 2 === 0, strategies: [] });
    const resumed = await readSse(`${svc.url}/v1/watch?environment=watch`, {
      lastEventId: events.at(-1)!.id!,
      until: (e) => e.length >= 5,
    });
    expect(resumed.map((e) => JSON.parse(e.data).data.feature.name)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(Number(resumed[0]!.id)).toBe(Number(events.at(-1)!.id) + 1);
  });

  it('long-polls: returns missed events at once, else waits for the next one', async () => {
    const exported = await call(svc.url, 'GET', '/v1/flags/export?environment=poll');
    const revision = exported.body.meta.revision;
    const pending = call(svc.url, 'GET', `/v1/watch?environment=poll&afterRevision=${revision}&timeoutSeconds=20`);
    await sleep(200);
    await put('p1', { enabled: true, strategies: [] }, 'poll');
    const page = (await pending).body;
    expect(page.compacted).toBe(false);
    expect(page.events.map((e: { type: string; data: { feature: { name: string } } }) => `${e.type}:${e.data.feature.name}`)).toEqual([
      'feature-updated:p1',
    ]);
    const empty = await call(svc.url, 'GET', `/v1/watch?environment=poll&afterRevision=${page.revision}&timeoutSeconds=0`);
    expect(empty.body.events).toEqual([]);
  });

  it('answers compacted when the history is gone, so the client re-reads the export', async () => {
    for (let i = 0; i < 250; i += 1) await put(`c${i % 10}`, { enabled: Math.floor(i / 10) % 2 === 0, strategies: [] }, 'compact');
    const page = await call(svc.url, 'GET', '/v1/watch?environment=compact&afterRevision=1&timeoutSeconds=0');
    expect(page.body).toMatchObject({ compacted: true, events: [] });
    const events = await readSse(`${svc.url}/v1/watch?environment=compact`, { lastEventId: '1', until: (e) => e.length >= 1 });
    expect(events[0]!.event).toBe('compacted');
  });
});
