import type { StartedTopology } from './topology.js';

/** The image the containers run: infra/images/build-base-images.sh makes it where none can be pulled. */
const REDIS_IMAGE = process.env.TRELLIS_TEST_REDIS_IMAGE ?? 'redis:7-bookworm';

/**
 * A standalone Redis in a container (TRELLIS_TEST_DOCKER=1), through testcontainers, for
 * running the suites against the same image the compose stack uses. Loaded lazily, so that
 * machines without Docker never touch it.
 */
export async function startDockerRedis(): Promise<StartedTopology> {
  // No Ryuk reaper image can be pulled here; the container is stopped in teardown instead.
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(REDIS_IMAGE)
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
    .start();
  const url = `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
  return {
    topology: { kind: 'standalone', url },
    stop: async () => {
      await container.stop({ timeout: 2_000 });
    },
  };
}
