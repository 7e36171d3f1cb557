import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type InProcessService, readSse as readSseFor, type SseEvent, serviceTestEnv, startInProcess, startServiceProcess } from '@trellis/service-kit/testing';
import { type ChildProcessHandle, freePort, startProcess, waitFor } from '@trellis/testkit';
import { buildApp } from '../src/app.js';
import { type HealthConfig, loadConfig } from '../src/config.js';
import { HealthStore } from '../src/health-store.js';
import type { CheckSettings, InstanceHealth, ServiceHealth } from '../src/schemas.js';

export type { SseEvent };

export const HEALTH_SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));
export const REGISTRY_SERVER = join(dirname(createRequire(import.meta.url).resolve('@trellis/registry-svc/package.json')), 'dist/server.js');
export const TARGET_SERVER = fileURLToPath(new URL('./fixtures/target-server.mjs', import.meta.url));

export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({ REAPER_INTERVAL_MS: '100' }, overrides);

export interface TestHealth extends InProcessService<HealthConfig> {
  /** A store on the same keys, for setting up state the API only reaches through the registry. */
  store: HealthStore;
}

/** health-svc in this process on a free loopback port; checks run when REGISTRY_URL is in env. */
export async function startTestHealth(env: Record<string, string>, options: { checker?: boolean } = {}): Promise<TestHealth> {
  const checker = options.checker ?? Boolean(env.REGISTRY_URL);
  const service = await startInProcess({ loadConfig, buildApp: (config, deps) => buildApp(config, deps, { checker }), env });
  const { config, deps } = service;
  const store = new HealthStore(deps.redis, { keyPrefix: config.keyPrefix, defaults: config.defaults, tombstoneTtlMs: config.tombstoneTtlMs });
  return { ...service, store };
}

export async function startRegistryProcess(env: Record<string, string>): Promise<{ process: ChildProcessHandle; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return { process: await startServiceProcess(REGISTRY_SERVER, { ...env, INSTANCE_ID: `registry-${port}`, REGISTRY_URL: url }, port), url };
}

export async function startHealthProcess(env: Record<string, string>, instanceId: string): Promise<{ process: ChildProcessHandle; url: string }> {
  const port = await freePort();
  return { process: await startServiceProcess(HEALTH_SERVER, { ...env, INSTANCE_ID: instanceId }, port), url: `http://127.0.0.1:${port}` };
}

export async function startTargets(ports: number[]): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [TARGET_SERVER],
    env: { PORTS: ports.join(',') },
    readyUrl: `http://127.0.0.1:${ports[0]}/__stats`,
  });
}

export interface TargetCheck {
  checker: string;
  slot: string;
  at: number;
}

export async function targetStats(port: number): Promise<Record<string, TargetCheck[]>> {
  return (await fetch(`http://127.0.0.1:${port}/__stats`)).json() as Promise<Record<string, TargetCheck[]>>;
}

export async function setTargetStatus(controlPort: number, port: number, status: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${controlPort}/__mode?port=${port}&status=${status}`, { method: 'POST' });
  await response.body?.cancel();
}

export async function registerInstance(
  registryUrl: string,
  service: string,
  instanceId: string,
  body: Record<string, unknown>,
): Promise<{ epoch: number }> {
  const response = await fetch(`${registryUrl}/v1/services/${service}/instances/${instanceId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ host: '127.0.0.1', ttlSeconds: 120, healthPath: '/health', ...body }),
  });
  if (response.status >= 300) throw new Error(`register answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<{ epoch: number }>;
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function putSettings(url: string, service: string, settings: Record<string, unknown>): Promise<CheckSettings> {
  const response = await fetch(`${url}/v1/health/services/${service}/check`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (response.status !== 200) throw new Error(`putSettings answered ${response.status}: ${await response.text()}`);
  return json<CheckSettings>(response);
}

export async function serviceHealth(url: string, service: string, query = ''): Promise<{ code: number; body: ServiceHealth }> {
  const response = await fetch(`${url}/v1/health/services/${service}${query}`);
  return { code: response.status, body: await json<ServiceHealth>(response) };
}

export async function instanceHealth(url: string, service: string, instanceId: string): Promise<InstanceHealth | undefined> {
  const response = await fetch(`${url}/v1/health/services/${service}/instances/${instanceId}`);
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  return json<InstanceHealth>(response);
}

export function waitForStatus(
  url: string,
  service: string,
  instanceId: string,
  status: InstanceHealth['status'],
  timeoutMs = 20_000,
): Promise<InstanceHealth> {
  return waitFor(
    async () => {
      const health = await instanceHealth(url, service, instanceId);
      return health?.status === status ? health : undefined;
    },
    { timeoutMs, intervalMs: 50, message: `${service}/${instanceId} to be ${status}` },
  );
}

/** Reads an SSE response until `until` is satisfied, the stream ends or 10 s (by default) are up. */
export const readSse = (
  url: string,
  options: { lastEventId?: string; until: (events: SseEvent[]) => boolean; timeoutMs?: number; onOpen?: () => Promise<void> },
): Promise<SseEvent[]> => readSseFor(url, { ...options, timeoutMs: options.timeoutMs ?? 10_000 });
