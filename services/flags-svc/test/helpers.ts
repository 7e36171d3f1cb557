import { fileURLToPath } from 'node:url';
import { waitUntilReady } from '@trellis/redis-core';
import { closeServiceDeps, createServiceDeps, type ServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { randomPrefix, redisEnv } from '@trellis/testkit';
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
    USAGE_FLUSH_MS: '600000',
    ...overrides,
  };
}

export interface TestFlags {
  app: TrellisApp;
  deps: ServiceDeps;
  url: string;
  close(): Promise<void>;
}

/** flags-svc in this process, listening on a loopback port (0 = any free one). */
export async function startTestFlags(env: Record<string, string> = testEnv(), port = 0): Promise<TestFlags> {
  const config = loadConfig({ ...env, PORT: String(port), HOST: '127.0.0.1' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    deps,
    url,
    close: async () => {
      await app.close();
      await closeServiceDeps(deps);
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small JSON client for tests: returns status, headers and the parsed body (or text). */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
export async function call<T = any>(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
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
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.includes(': watching')) options.onOpen?.();
      parser.feed(text);
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

export function expectProblem(response: JsonResponse, status: number, code?: string): void {
  if (response.status !== status) {
    throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  if (code && response.body.code !== code) throw new Error(`expected code ${code}, got ${JSON.stringify(response.body)}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
