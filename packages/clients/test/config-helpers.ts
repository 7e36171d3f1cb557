import { createRequire } from 'node:module';
import { buildApp, loadConfig } from '@trellis/config-svc';
import type { TrellisApp } from '@trellis/service-kit';
import { serviceTestEnv, startInProcess, startServiceProcess } from '@trellis/service-kit/testing';
import type { ChildProcessHandle } from '@trellis/testkit';

/** The built config-svc entry point, for tests that need it as a real process. */
export const CONFIG_SERVER = createRequire(import.meta.url).resolve('@trellis/config-svc/server');

/** Environment for config-svc instances that share one Redis key prefix (one "deployment"). */
export function configEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return serviceTestEnv({}, overrides);
}

export interface RunningConfigSvc {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real config-svc in this process, on `port` (0: any free one). */
export const startConfigSvc = (env: Record<string, string>, port = 0): Promise<RunningConfigSvc> =>
  startInProcess({ loadConfig, buildApp, env, port });

/** config-svc as its own process, as it runs in production. */
export const startConfigProcess = (env: Record<string, string>, port: number): Promise<ChildProcessHandle> =>
  startServiceProcess(CONFIG_SERVER, env, port);

/** Writes through the HTTP API (not through the client under test). */
export async function writeValue(base: string, namespace: string, key: string, value: unknown): Promise<void> {
  const response = await fetch(`${base}/v1/config/${encodeURIComponent(namespace)}/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ value }),
  });
  if (response.status >= 300) throw new Error(`write ${key} answered ${response.status}: ${await response.text()}`);
}

export async function deleteValue(base: string, namespace: string, key: string): Promise<void> {
  const response = await fetch(`${base}/v1/config/${encodeURIComponent(namespace)}/${key}`, { method: 'DELETE' });
  if (response.status !== 204) throw new Error(`delete ${key} answered ${response.status}`);
}

export async function snapshotOf(base: string, namespace: string): Promise<{ revision: number; values: Record<string, unknown> }> {
  const body = (await (await fetch(`${base}/v1/config/${encodeURIComponent(namespace)}`)).json()) as {
    revision: number;
    entries: { key: string; value: unknown }[];
  };
  return { revision: body.revision, values: Object.fromEntries(body.entries.map((e) => [e.key, e.value])) };
}
