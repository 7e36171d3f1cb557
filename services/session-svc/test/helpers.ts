import { fileURLToPath } from 'node:url';
import { waitUntilReady } from '@trellis/redis-core';
import { closeServiceDeps, createServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { type ChildProcessHandle, randomPrefix, redisEnv, startProcess } from '@trellis/testkit';
import { createParser } from 'eventsource-parser';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

/** Short minimums so tests can watch sessions expire in seconds; defaults otherwise. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...redisEnv(inject('redisTopology')),
    TRELLIS_KEY_PREFIX: randomPrefix(),
    LOG_LEVEL: 'warn',
    REAPER_INTERVAL_MS: '100',
    SESSION_MIN_TTL_SECONDS: '1',
    ...overrides,
  };
}

export interface TestSessions {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** session-svc in this process, listening on a free loopback port. */
export async function startTestSessions(env: Record<string, string> = testEnv(), options: { reaper?: boolean } = {}): Promise<TestSessions> {
  const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps, options);
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

/** session-svc as its own process (built dist), as it runs in production. */
export async function startSessionProcess(env: Record<string, string>, port: number): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [SERVER],
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
  });
}

/** Parsed JSON, loosely typed on purpose: tests assert its shape. */
export type Json = ReturnType<typeof JSON.parse>;

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

/** fetch with JSON in and out; `contentType` overrides application/json. */
export async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function api(base: string) {
  return {
    create: (body: Record<string, unknown> = {}) => call(`${base}/v1/sessions`, 'POST', body),
    get: (id: string, query = '') => call(`${base}/v1/sessions/${encodeURIComponent(id)}${query}`, 'GET'),
    patch: (id: string, patch: unknown, headers: Record<string, string> = {}) =>
      call(`${base}/v1/sessions/${encodeURIComponent(id)}`, 'PATCH', patch, { 'content-type': 'application/merge-patch+json', ...headers }),
    replace: (id: string, data: unknown, headers: Record<string, string> = {}) =>
      call(`${base}/v1/sessions/${encodeURIComponent(id)}/data`, 'PUT', data, headers),
    rotate: (id: string, body: Record<string, unknown> = {}) => call(`${base}/v1/sessions/${encodeURIComponent(id)}/rotate`, 'POST', body),
    remove: (id: string) => call(`${base}/v1/sessions/${encodeURIComponent(id)}`, 'DELETE'),
    list: (userId: string, query = '') => call(`${base}/v1/users/${encodeURIComponent(userId)}/sessions${query}`, 'GET'),
    invalidate: (userId: string, except?: string) =>
      call(`${base}/v1/users/${encodeURIComponent(userId)}/sessions${except ? `?except=${encodeURIComponent(except)}` : ''}`, 'DELETE'),
    revoke: (userId: string, ref: string) => call(`${base}/v1/users/${encodeURIComponent(userId)}/sessions/${ref}`, 'DELETE'),
    reserve: (count: number) => call(`${base}/v1/session-ids`, 'POST', { count }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every session of a user, following nextCursor. */
export async function listAll(base: string, userId: string, limit = 100): Promise<Json[]> {
  const sessions: Json[] = [];
  let cursor: string | null = null;
  do {
    const page: Reply = await api(base).list(userId, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    if (page.status !== 200) throw new Error(`list answered ${page.status}`);
    sessions.push(...page.body.sessions);
    cursor = page.body.nextCursor;
  } while (cursor);
  return sessions;
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
