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
    ...overrides,
  };
}

export interface TestConfigSvc {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** config-svc in this process, listening on a free loopback port (or the one given). */
export async function startTestConfigSvc(env: Record<string, string> = testEnv(), port = 0): Promise<TestConfigSvc> {
  const config = loadConfig({ ...env, PORT: String(port), HOST: '127.0.0.1' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port });
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

/** config-svc as its own process (built dist), as it runs in production. */
export async function startConfigProcess(env: Record<string, string>, port: number): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [SERVER],
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
  });
}

export const ns = (namespace: string) => encodeURIComponent(namespace);

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions that read them
export type Json = any;

export interface JsonResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Json>(
  url: string,
  options: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(options.headers ?? {}) },
    ...(hasBody ? { body: options.rawBody ?? JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function putValue(base: string, namespace: string, key: string, value: unknown, headers: Record<string, string> = {}) {
  return call(`${base}/v1/config/${ns(namespace)}/${key}`, { method: 'PUT', body: { value }, headers });
}

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** Reads an SSE response until `until` is satisfied or the stream ends; then aborts it. */
export async function readSse(
  url: string,
  options: { lastEventId?: string; until: (events: SseEvent[]) => boolean; timeoutMs?: number; onOpen?: () => void },
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
    let opened = false;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (!opened) {
        opened = true;
        options.onOpen?.();
      }
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
