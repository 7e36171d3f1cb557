import { fileURLToPath } from 'node:url';
import { type InProcessService, serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export { readSse, type SseEvent } from '@trellis/service-kit/testing';

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({ USAGE_FLUSH_MS: '600000' }, overrides);

export type TestFlags = InProcessService;

/** flags-svc in this process, listening on a loopback port (0 = any free one). */
export const startTestFlags = (env: Record<string, string> = testEnv(), port = 0): Promise<TestFlags> => startInProcess({ loadConfig, buildApp, env, port });

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

export function expectProblem(response: JsonResponse, status: number, code?: string): void {
  if (response.status !== status) {
    throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  if (code && response.body.code !== code) throw new Error(`expected code ${code}, got ${JSON.stringify(response.body)}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
