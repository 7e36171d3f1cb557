import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClient, watchServerSentEvents } from '../src/index.js';
import { type RunningRegistry, startRegistry } from './registry-helpers.js';

describe('generated registry client', () => {
  let registry: RunningRegistry;
  let client: RegistryClient;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ baseUrl: registry.url });
  });
  afterAll(() => registry.close());

  it('registers, discovers and reads typed responses', async () => {
    const { data, response } = await client.PUT('/v1/services/{service}/instances/{instanceId}', {
      params: { path: { service: 'orders', instanceId: 'o-1' } },
      body: { host: '127.0.0.1', port: 8080, version: '1.0.0', tags: ['blue'] },
    });
    expect(response.status).toBe(201);
    expect(data?.epoch).toBeGreaterThan(0);
    const listed = await client.GET('/v1/services/{service}/instances', { params: { path: { service: 'orders' }, query: { tag: ['blue'] } } });
    expect(listed.data?.instances.map((i) => i.instanceId)).toEqual(['o-1']);
  });

  it('surfaces problems as typed errors', async () => {
    const { error, response } = await client.PUT('/v1/services/{service}/instances/{instanceId}', {
      params: { path: { service: 'Bad_Name', instanceId: 'x' } },
      body: { host: 'h', port: 1 },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('follows the SSE watch and resumes after a drop without losing or repeating events', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    // From revision 0, not "now": the watch replays whatever it connects after, so the test
    // does not depend on the stream being open before the first registration.
    const stream = watchServerSentEvents({ url: `${registry.url}/v1/services/sse/watch`, lastEventId: '0', signal: controller.signal });
    const register = (id: string) =>
      client.PUT('/v1/services/{service}/instances/{instanceId}', {
        params: { path: { service: 'sse', instanceId: id } },
        body: { host: 'h', port: 1 },
      });
    const reader = (async () => {
      for await (const event of stream) {
        seen.push(`${event.id}:${event.event}:${JSON.parse(event.data).data.instanceId}`);
        if (seen.length === 4) controller.abort();
      }
    })();
    for (const id of ['a', 'b']) await register(id);
    // Both seen: the stream is open, so the drop below cuts a live watch.
    await waitFor(() => seen.length === 2, { timeoutMs: 10_000 });
    // Drop every connection the registry holds: the watcher must reconnect with Last-Event-ID.
    registry.app.server.closeAllConnections();
    // Let the client's pooled keep-alive sockets notice the close before reusing them.
    await new Promise((r) => setTimeout(r, 100));
    for (const id of ['c', 'd']) await register(id);
    await reader;
    expect(seen.map((s) => s.split(':').slice(1).join(':'))).toEqual(['registered:a', 'registered:b', 'registered:c', 'registered:d']);
    const ids = seen.map((s) => Number(s.split(':')[0]));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });
});
