import { fileURLToPath } from 'node:url';
import { type InProcessService, serviceTestEnv, startInProcess, startServiceProcess } from '@trellis/service-kit/testing';
import type { ChildProcessHandle } from '@trellis/testkit';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export { readSse, type SseEvent } from '@trellis/service-kit/testing';

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

/** Short minimums so tests can watch sessions expire in seconds; defaults otherwise. */
export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> =>
  serviceTestEnv({ REAPER_INTERVAL_MS: '100', SESSION_MIN_TTL_SECONDS: '1' }, overrides);

export type TestSessions = InProcessService;

/** session-svc in this process, listening on a free loopback port. */
export const startTestSessions = (env: Record<string, string> = testEnv(), options: { reaper?: boolean } = {}): Promise<TestSessions> =>
  startInProcess({ loadConfig, buildApp: (config, deps) => buildApp(config, deps, options), env });

/** session-svc as its own process (built dist), as it runs in production. */
export const startSessionProcess = (env: Record<string, string>, port: number): Promise<ChildProcessHandle> => startServiceProcess(SERVER, env, port);

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
