import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntilReady } from '@trellis/redis-core';
import { buildApp as buildRegistry } from '@trellis/registry-svc/app';
import { loadConfig as loadRegistryConfig } from '@trellis/registry-svc/config';
import { closeServiceDeps, createServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { freePort, randomPrefix, redisEnv } from '@trellis/testkit';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export interface RunningApp {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

function urlOf(app: TrellisApp): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** registry-svc in this process, on the run's test Redis. */
export async function startRegistry(): Promise<RunningApp> {
  const config = loadRegistryConfig({ ...redisEnv(inject('redisTopology')), TRELLIS_KEY_PREFIX: randomPrefix(), LOG_LEVEL: 'warn', REAPER_INTERVAL_MS: '100' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildRegistry(config, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url: urlOf(app),
    close: async () => {
      // A client's aborted long-poll can leave its socket open until keep-alive ends: cut them.
      app.server.closeAllConnections();
      await app.close();
      await closeServiceDeps(deps);
    },
  };
}

export function meshEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...redisEnv(inject('redisTopology')), TRELLIS_KEY_PREFIX: randomPrefix(), LOG_LEVEL: 'warn', METRICS_FLUSH_MS: '100', ...overrides };
}

/** mesh-svc in this process on a free loopback port. Replicas share a key prefix to share state. */
export async function startMesh(env: Record<string, string> = meshEnv()): Promise<RunningApp> {
  const config = loadConfig({ ...env, HOST: '127.0.0.1', PORT: '0' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url: urlOf(app),
    close: async () => {
      // A client's aborted long-poll can leave its socket open until keep-alive ends: cut them.
      app.server.closeAllConnections();
      await app.close();
      await closeServiceDeps(deps);
    },
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Behaviour = (request: SeenRequest) => { status: number; body?: string | Buffer; headers?: Record<string, string>; delayMs?: number };

/** A small real HTTP server standing in for an instance of a service. */
export class Backend {
  readonly seen: SeenRequest[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(
    readonly id: string,
    public behaviour: Behaviour = () => ({ status: 200, body: 'ok' }),
  ) {}

  async start(port = 0): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
        this.seen.push(request);
        const answer = this.behaviour(request);
        const send = () => {
          res.writeHead(answer.status, { 'x-backend': this.id, ...(answer.headers ?? {}) });
          res.end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function register(
  registryUrl: string,
  service: string,
  instanceId: string,
  port: number,
  extra: { version?: string; tags?: string[]; weight?: number } = {},
): Promise<void> {
  const response = await fetch(`${registryUrl}/v1/services/${service}/instances/${instanceId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ host: '127.0.0.1', port, ...extra }),
  });
  if (response.status >= 300) throw new Error(`register answered ${response.status}: ${await response.text()}`);
}

/** A port nothing listens on (connections to it are refused). */
export const deadPort = () => freePort();

export async function json(response: Response): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions, not by types
export type Body = any;
export const body = async (response: Response | Promise<Response>): Promise<Body> => (await response).json();
