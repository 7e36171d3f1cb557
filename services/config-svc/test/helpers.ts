import { fileURLToPath } from 'node:url';
import { type InProcessService, serviceTestEnv, startInProcess, startServiceProcess } from '@trellis/service-kit/testing';
import type { ChildProcessHandle } from '@trellis/testkit';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export { readSse, type SseEvent } from '@trellis/service-kit/testing';

export const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({}, overrides);

export type TestConfigSvc = InProcessService;

/** config-svc in this process, listening on a free loopback port (or the one given). */
export const startTestConfigSvc = (env: Record<string, string> = testEnv(), port = 0): Promise<TestConfigSvc> =>
  startInProcess({ loadConfig, buildApp, env, port });

/** config-svc as its own process (built dist), as it runs in production. */
export const startConfigProcess = (env: Record<string, string>, port: number): Promise<ChildProcessHandle> => startServiceProcess(SERVER, env, port);

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
