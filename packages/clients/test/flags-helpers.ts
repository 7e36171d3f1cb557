import { buildApp, loadConfig } from '@trellis/flags-svc';
import type { TrellisApp } from '@trellis/service-kit';
import { serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';

export function flagsEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return serviceTestEnv({ USAGE_FLUSH_MS: '600000' }, overrides);
}

export interface RunningFlags {
  app: TrellisApp;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** flags-svc in this process on a loopback port (0 = any free one). */
export async function startFlags(env: Record<string, string>, port = 0): Promise<RunningFlags> {
  const running = await startInProcess({ loadConfig, buildApp, env, port });
  return { ...running, port: Number(new URL(running.url).port) };
}

export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** Creates or replaces a flag and returns the environment revision of the write. */
export async function putFlag(url: string, env: string, name: string, flag: Record<string, unknown>): Promise<number> {
  const response = await api<{ meta: { modRevision: number } }>(url, 'PUT', `/v1/flags/${name}?environment=${env}`, flag);
  if (response.status >= 300) throw new Error(`PUT ${name} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.meta.modRevision;
}
