import { fileURLToPath } from 'node:url';
import { type InProcessService, serviceTestEnv, startInProcess, startServiceProcess } from '@trellis/service-kit/testing';
import type { ChildProcessHandle } from '@trellis/testkit';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export { readSse, type SseEvent } from '@trellis/service-kit/testing';

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({ REAPER_INTERVAL_MS: '100' }, overrides);

export type TestState = InProcessService;

/** state-svc in this process, listening on a free loopback port. */
export const startTestState = (env: Record<string, string> = testEnv()): Promise<TestState> => startInProcess({ loadConfig, buildApp, env });

/** state-svc as its own process (built dist), as it runs in production. */
export const startStateProcess = (env: Record<string, string>, port: number): Promise<ChildProcessHandle> => startServiceProcess(SERVER, env, port);

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
