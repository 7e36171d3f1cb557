import { buildApp, loadConfig } from '@trellis/limits-svc';
import { waitUntilReady } from '@trellis/redis-core';
import { closeServiceDeps, createServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { randomPrefix, redisEnv } from '@trellis/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { type RateLimitPluginOptions, trellisRateLimit } from '../src/limits/index.js';

export interface RunningLimitsSvc {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real limits-svc in this process, on a free loopback port, with its own key prefix. */
export async function startLimitsSvc(): Promise<RunningLimitsSvc> {
  const env = { ...redisEnv(inject('redisTopology')), TRELLIS_KEY_PREFIX: randomPrefix(), LOG_LEVEL: 'warn' };
  const config = loadConfig({ ...env, HOST: '127.0.0.1', PORT: '0' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let closed = false;
  return {
    app,
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await closeServiceDeps(deps);
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
