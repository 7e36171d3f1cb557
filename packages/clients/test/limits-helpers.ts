import { buildApp, loadConfig } from '@trellis/limits-svc';
import type { TrellisApp } from '@trellis/service-kit';
import { serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { type RateLimitPluginOptions, trellisRateLimit } from '../src/limits/index.js';

export interface RunningLimitsSvc {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real limits-svc in this process, on a free loopback port, with its own key prefix. */
export async function startLimitsSvc(): Promise<RunningLimitsSvc> {
  const running = await startInProcess({ loadConfig, buildApp, env: serviceTestEnv() });
  let closed = false;
  return {
    ...running,
    close: async () => {
      if (closed) return;
      closed = true;
      await running.close();
    },
  };
}

export async function definePolicy(url: string, name: string, spec: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/v1/policies/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ failMode: 'open', ...spec }),
  });
  if (!response.ok) throw new Error(`PUT policy ${name}: ${response.status} ${await response.text()}`);
}

/** A small API protected by the plugin, answering `{ ok, subject decision }` on GET /hello. */
export async function protectedApp(options: RateLimitPluginOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(trellisRateLimit, options);
  app.get('/hello', async (request) => ({ ok: true, remaining: request.rateLimit?.remaining ?? null }));
  await app.ready();
  return app;
}
