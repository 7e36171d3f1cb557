import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp as buildRegistry } from '@trellis/registry-svc/app';
import { loadConfig as loadRegistryConfig } from '@trellis/registry-svc/config';
import { type InProcessService, serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';
import { freePort } from '@trellis/testkit';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export type RunningApp = InProcessService;

/** registry-svc in this process, on the run's test Redis. */
export const startRegistry = (): Promise<RunningApp> =>
  startInProcess({ loadConfig: loadRegistryConfig, buildApp: buildRegistry, env: serviceTestEnv({ REAPER_INTERVAL_MS: '100' }), closeAllConnections: true });

export const meshEnv = (overrides: Record<string, string> = {}): Record<string, string> => serviceTestEnv({ METRICS_FLUSH_MS: '100' }, overrides);

/** mesh-svc in this process on a free loopback port. Replicas share a key prefix to share state. */
export const startMesh = (env: Record<string, string> = meshEnv()): Promise<RunningApp> =>
  startInProcess({ loadConfig, buildApp, env, closeAllConnections: true });

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
