import { fileURLToPath } from 'node:url';
import { type InProcessService, readSse as readSseFor, type SseEvent, serviceTestEnv, startInProcess, startServiceProcess } from '@trellis/service-kit/testing';
import type { ChildProcessHandle } from '@trellis/testkit';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export type { SseEvent };

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({ REAPER_INTERVAL_MS: '100' }, overrides);

export type TestRegistry = InProcessService;

/** registry-svc in this process, listening on a free loopback port. */
export const startTestRegistry = (env: Record<string, string> = testEnv()): Promise<TestRegistry> => startInProcess({ loadConfig, buildApp, env });

/** registry-svc as its own process (built dist), as it runs in production. */
export const startRegistryProcess = (env: Record<string, string>, port: number): Promise<ChildProcessHandle> => startServiceProcess(SERVER, env, port);

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

/** Reads an SSE response until `until` is satisfied, the stream ends or 10 s (by default) are up. */
export const readSse = (url: string, options: { lastEventId?: string; until: (events: SseEvent[]) => boolean; timeoutMs?: number }): Promise<SseEvent[]> =>
  readSseFor(url, { ...options, timeoutMs: options.timeoutMs ?? 10_000 });
