import { fileURLToPath } from 'node:url';
import { waitUntilReady } from '@trellis/redis-core';
import { closeServiceDeps, createServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { type ChildProcessHandle, randomPrefix, redisEnv, startProcess } from '@trellis/testkit';
import { createParser } from 'eventsource-parser';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...redisEnv(inject('redisTopology')),
    TRELLIS_KEY_PREFIX: randomPrefix(),
    LOG_LEVEL: 'warn',
    REAPER_INTERVAL_MS: '100',
    ...overrides,
  };
}

export interface TestRegistry {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** registry-svc in this process, listening on a free loopback port. */
export async function startTestRegistry(env: Record<string, string> = testEnv()): Promise<TestRegistry> {
  const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await closeServiceDeps(deps);
    },
  };
}

/** registry-svc as its own process (built dist), as it runs in production. */
export async function startRegistryProcess(env: Record<string, string>, port: number): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [SERVER],
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
  });
}

export async function register(url: string, service: string, id: string, body: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/v1/services/${service}/instances/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ host: '127.0.0.1', port: 9000, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> & { epoch: number } };
}

/** The JSON of a response, for tests that check shapes themselves. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions inspect arbitrary JSON
export async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** Reads an SSE response until `until` is satisfied or the stream ends; then aborts it. */
export async function readSse(
  url: string,
  options: { lastEventId?: string; until: (events: SseEvent[]) => boolean; timeoutMs?: number },
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (message) => events.push({ id: message.id, event: message.event, data: message.data }) });
  try {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (options.until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
