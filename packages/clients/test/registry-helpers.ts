import { waitUntilReady } from '@trellis/redis-core';
import { buildApp } from '@trellis/registry-svc/app';
import { loadConfig } from '@trellis/registry-svc/config';
import { closeServiceDeps, createServiceDeps, type TrellisApp } from '@trellis/service-kit';
import { randomPrefix, redisEnv } from '@trellis/testkit';
import { inject } from 'vitest';

export interface RunningRegistry {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real registry-svc in this process on a free loopback port, on the run's test Redis. */
export async function startRegistry(env: Record<string, string> = {}): Promise<RunningRegistry> {
  const config = loadConfig({
    ...redisEnv(inject('redisTopology')),
    TRELLIS_KEY_PREFIX: randomPrefix(),
    LOG_LEVEL: 'warn',
    REAPER_INTERVAL_MS: '100',
    ...env,
  });
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
