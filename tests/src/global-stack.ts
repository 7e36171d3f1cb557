import { type RedisTopology, startStack } from '@trellis/testkit';
import type { TestProject } from 'vitest/node';
import type { StackContext } from './stack-context.js';

const COMPOSE_BASE_PORT = 7100;
const COMPOSE_SERVICES = ['registry-svc', 'health-svc', 'mesh-svc', 'session-svc', 'config-svc', 'flags-svc', 'limits-svc', 'state-svc'];

/**
 * The system under test. By default: every service as its own process (what `npm run up`
 * runs), on a Redis of its own. With TRELLIS_STACK=compose: the docker-compose stack that
 * `pnpm test:compose` brought up (any of its Redis variants), at its fixed loopback ports. The
 * test files are the same.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TRELLIS_STACK === 'compose') {
    const urls = Object.fromEntries(COMPOSE_SERVICES.map((name, i) => [name, `http://127.0.0.1:${COMPOSE_BASE_PORT + i}`]));
    // compose-run passes the variant's Redis (standalone, Sentinel or Cluster) as a RedisTopology.
    const redis: RedisTopology = process.env.TRELLIS_COMPOSE_REDIS
      ? JSON.parse(process.env.TRELLIS_COMPOSE_REDIS)
      : { kind: 'standalone', url: `redis://127.0.0.1:${process.env.TRELLIS_REDIS_PORT ?? 6391}` };
    const context: StackContext = { mode: 'compose', urls, registryUrl: urls['registry-svc']!, redis };
    project.provide('stack', context);
    return async () => {};
  }
  const stack = await startStack({
    // Fast health checks so that failure scenarios finish in seconds.
    serviceEnv: { 'health-svc': { DEFAULT_CHECK_INTERVAL_MS: '1000', DEFAULT_CHECK_TIMEOUT_MS: '500' } },
  });
  const context: StackContext = { mode: 'processes', urls: stack.urls, registryUrl: stack.registryUrl, redis: stack.topology };
  project.provide('stack', context);
  return () => stack.stop();
}
