import type { TestProject } from 'vitest/node';
import { startTopology, topologyFromEnv } from './topology.js';
import { REDIS_TOPOLOGY_KEY } from './vitest-context.js';

/**
 * vitest globalSetup: starts the Redis named by TRELLIS_TEST_TOPOLOGY (default standalone) once per
 * run, provides it as `inject('redisTopology')`, and stops it in teardown.
 *
 *   // vitest.config.ts
 *   test: { globalSetup: ['@trellis/testkit/global-setup'] }
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await startTopology(topologyFromEnv());
  project.provide(REDIS_TOPOLOGY_KEY, started.topology);
  return () => started.stop();
}
