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

export interface TestState {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** state-svc in this process, listening on a free loopback port. */
export async function startTestState(env: Record<string, string> = testEnv()): Promise<TestState> {
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

/** state-svc as its own process (built dist), as it runs in production. */
export async function startStateProcess(env: Record<string, string>, port: number): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [SERVER],
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
  });
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  body: any;
}

/** One HTTP call over a real socket; JSON bodies unless another content type is given. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: leave the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
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
