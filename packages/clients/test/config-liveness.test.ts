import { createServer, type Server } from 'node:http';
import { waitFor } from '@trellis/testkit';
import { afterEach, expect, it } from 'vitest';
import { ConfigClient, livenessFetch } from '../src/config/index.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server that answers like a config-svc watch, sends one comment, then goes silent (a half-open link). */
async function silentWatchServer(): Promise<string> {
  server = createServer((request, response) => {
    if (request.url?.includes('/_watch')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': watching\n\n');
      return; // never another byte
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ namespace: 'quiet', revision: 7, entries: [] }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

it('aborts a stream that stays silent past the idle timeout and reports it as not clean', async () => {
  const base = await silentWatchServer();
  const events: string[] = [];
  const watched = livenessFetch(fetch, 300, {
    opened: () => events.push('opened'),
    heard: () => events.push('heard'),
    closed: (clean) => events.push(`closed:${clean}`),
  });
  const response = await watched(`${base}/v1/config/quiet/_watch`);
  const reading = (async () => {
    for await (const _chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      // drain
    }
  })();
  await expect(reading).rejects.toThrow();
  expect(events).toEqual(['opened', 'heard', 'closed:false']);
});

it('a ConfigClient on a silent stream goes disconnected, its staleness grows, and it reconnects', async () => {
  const base = await silentWatchServer();
  const config = new ConfigClient({ baseUrl: base, namespace: 'quiet', idleTimeoutMs: 300, retryMs: 100 });
  let connects = 0;
  const atDisconnect: { connected: boolean; staleness: number }[] = [];
  config.on('connected', () => {
    connects += 1;
  });
  config.on('disconnected', () => atDisconnect.push({ connected: config.isConnected(), staleness: config.staleness() }));
  try {
    await config.start();
    expect(config.revision).toBe(7);
    await waitFor(() => connects >= 1, { timeoutMs: 5_000 });
    await waitFor(() => atDisconnect.length >= 1, { timeoutMs: 5_000 });
    // Silent since the first comment: stale by at least the idle timeout, not "just now".
    expect(atDisconnect[0]!.connected).toBe(false);
    expect(atDisconnect[0]!.staleness).toBeGreaterThanOrEqual(250);
    await waitFor(() => connects >= 2, { timeoutMs: 5_000 });
  } finally {
    config.close();
  }
});
