import { waitUntilReady } from '@trellis/redis-core';
import { closeServiceDeps, createServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { buildApp, loadConfig } from '@trellis/state-svc';
import { randomPrefix, redisEnv } from '@trellis/testkit';
import { inject } from 'vitest';

export function stateEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...redisEnv(inject('redisTopology')), TRELLIS_KEY_PREFIX: randomPrefix(), LOG_LEVEL: 'warn', ...overrides };
}

export interface RunningStateSvc {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real state-svc in this process, on a free loopback port. */
export async function startStateSvc(env: Record<string, string> = stateEnv()): Promise<RunningStateSvc> {
  const config = loadConfig({ ...env, HOST: '127.0.0.1', PORT: '0' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await closeServiceDeps(deps);
    },
  };
}
