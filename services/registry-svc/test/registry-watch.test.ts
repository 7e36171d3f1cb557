import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, readSse, register, startTestRegistry, type TestRegistry, testEnv } from './helpers.js';

describe('registry watch', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry(testEnv());
  });
  afterAll(() => registry.close());

  it('streams changes as SSE with id = revision', async () => {
    const watching = readSse(`${registry.url}/v1/services/sse-a/watch`, { until: (events) => events.length >= 3 });
    await new Promise((r) => setTimeout(r, 200));
    await register(registry.url, 'sse-a', 'a1');
    await register(registry.url, 'sse-b', 'b1'); // another service: filtered out
    await register(registry.url, 'sse-a', 'a1', { version: '2.0.0' });
    await fetch(`${registry.url}/v1/services/sse-a/instances/a1`, { method: 'DELETE' });
    const events = await watching;
    expect(events.map((e) => e.event)).toEqual(['registered', 'updated', 'deregistered']);
    const bodies = events.map((e) => JSON.parse(e.data));
    expect(bodies[0]).toMatchObject({ type: 'registered', data: { service: 'sse-a', instanceId: 'a1', instance: { version: '0.0.0' } } });
    expect(bodies[1].data.instance.version).toBe('2.0.0');
    for (const [i, event] of events.entries()) expect(Number(event.id)).toBe(bodies[i].revision);
    expect(Number(events[2]!.id)).toBeGreaterThan(Number(events[0]!.id));
  });

  it('resumes with Last-Event-ID: every missed event, in order, once', async () => {
    const first = readSse(`${registry.url}/v1/services/resume/watch`, { until: (events) => events.length >= 2 });
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 2; i += 1) await register(registry.url, 'resume', `r${i}`);
    const seen = await first; // the watcher disconnects here
    const lastId = seen.at(-1)!.id!;

    // Changes while nobody watches.
    for (let i = 2; i < 12; i += 1) await register(registry.url, 'resume', `r${i}`);
    await fetch(`${registry.url}/v1/services/resume/instances/r0`, { method: 'DELETE' });

    const resumed = await readSse(`${registry.url}/v1/services/resume/watch`, {
      lastEventId: lastId,
      until: (events) => events.length >= 11,
    });
    const ids = [...seen, ...resumed].map((e) => JSON.parse(e.data).data.instanceId + ':' + e.event);
    expect(ids).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `r${i}:registered`),
      'r0:deregistered',
    ]);
    const revisions = [...seen, ...resumed].map((e) => Number(e.id));
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it('answers compacted when the revision is gone, so the client re-lists', async () => {
    const events = await readSse(`${registry.url}/v1/watch`, { lastEventId: '999999999', until: (e) => e.length >= 1 });
    expect(events[0]!.event).toBe('compacted');
    const page = await json(fetch(`${registry.url}/v1/watch?afterRevision=999999999&timeoutSeconds=1`));
    expect(page).toMatchObject({ compacted: true, events: [] });
  });

  it('long-polls: returns missed events at once, else waits for the next one', async () => {
    const list = await json(fetch(`${registry.url}/v1/services/poll/instances`));
    const pending = json(fetch(`${registry.url}/v1/services/poll/watch?afterRevision=${list.revision}&timeoutSeconds=10`));
    await new Promise((r) => setTimeout(r, 200));
    await register(registry.url, 'other', 'o1');
    await register(registry.url, 'poll', 'p1');
    const page = await pending;
    expect(page.compacted).toBe(false);
    expect(page.events.map((e: { type: string; data: { instanceId: string } }) => `${e.type}:${e.data.instanceId}`)).toEqual([
      'registered:p1',
    ]);
    const empty = await json(fetch(`${registry.url}/v1/services/poll/watch?afterRevision=${page.revision}&timeoutSeconds=0`));
    expect(empty.events).toEqual([]);
  });
});
