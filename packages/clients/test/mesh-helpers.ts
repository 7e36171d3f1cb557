import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@trellis/testkit';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Behaviour = (request: SeenRequest) => {
  status: number;
  body?: string;
  delayMs?: number;
  /** Answer only once this settles: holds a call open for as long as a test needs, not a guess. */
  until?: Promise<unknown>;
};

/** A small real HTTP server standing in for one instance of a service. */
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
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json', 'x-backend': this.id });
          res.end(answer.body ?? JSON.stringify({ backend: this.id }));
        };
        if (answer.until) void answer.until.then(send, send);
        else if (answer.delayMs) setTimeout(send, answer.delayMs);
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

export async function deregister(registryUrl: string, service: string, instanceId: string): Promise<void> {
  await fetch(`${registryUrl}/v1/services/${service}/instances/${instanceId}`, { method: 'DELETE' });
}

/** A port nothing listens on: connections are refused. */
export const deadPort = () => freePort();

/** Runs `task` n times with at most `concurrency` at once. */
export async function runConcurrently(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}
