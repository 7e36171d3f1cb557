import { type InProcessService, serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';
import { type BuildAppOptions, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({}, overrides);

export type TestLimits = InProcessService;

/** limits-svc in this process, listening on a free loopback port. */
export const startTestLimits = (env: Record<string, string> = testEnv(), options: BuildAppOptions = {}): Promise<TestLimits> =>
  startInProcess({ loadConfig, buildApp: (config, deps) => buildApp(config, deps, options), env });

// biome-ignore lint/suspicious/noExplicitAny: test assertions read whatever JSON a response holds
export type AnyJson = Record<string, any>;

export interface JsonResponse<T = AnyJson> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = AnyJson>(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export async function putPolicy(url: string, name: string, spec: Record<string, unknown>) {
  const response = await call(url, 'PUT', `/v1/policies/${name}`, { failMode: 'open', ...spec });
  if (response.status >= 300) throw new Error(`PUT policy ${name}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const check = (url: string, policy: string, key: string, cost?: number) =>
  call(url, 'POST', `/v1/policies/${policy}/check`, cost === undefined ? { key } : { key, cost });

/** Fires `count` calls at once (they all start before any is awaited). */
export async function concurrently<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => run(i)));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
