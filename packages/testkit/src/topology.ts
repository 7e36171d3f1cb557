import { startDockerRedis } from './docker-redis.js';
import { startRedisCluster } from './redis-cluster.js';
import { startRedisSentinel } from './redis-sentinel.js';
import { startRedis } from './redis-server.js';
import { type RedisTopology, type RedisTopologyKind, TOPOLOGY_KINDS } from './types.js';

export interface StartedTopology {
  topology: RedisTopology;
  stop(): Promise<void>;
}

/**
 * The topology the tests should run against: `TRELLIS_TEST_TOPOLOGY` = standalone | cluster |
 * sentinel, default standalone. Any other value throws.
 */
export function topologyFromEnv(env: NodeJS.ProcessEnv = process.env): RedisTopologyKind {
  const raw = env.TRELLIS_TEST_TOPOLOGY?.trim();
  if (!raw) return 'standalone';
  const kind = raw.toLowerCase();
  if ((TOPOLOGY_KINDS as readonly string[]).includes(kind)) return kind as RedisTopologyKind;
  throw new Error(`TRELLIS_TEST_TOPOLOGY must be one of ${TOPOLOGY_KINDS.join(', ')} (or unset for standalone), got ${JSON.stringify(raw)}`);
}

/**
 * Starts a Redis of the given kind on loopback. Tests always get servers of their own (never
 * a REDIS_URL from the shell), so they may kill, restart or flush them. With
 * TRELLIS_TEST_DOCKER=1 the standalone server runs in a container (testcontainers).
 */
export async function startTopology(kind: RedisTopologyKind): Promise<StartedTopology> {
  switch (kind) {
    case 'standalone': {
      if (process.env.TRELLIS_TEST_DOCKER === '1') return startDockerRedis();
      const server = await startRedis();
      return { topology: { kind, url: server.url }, stop: () => server.stop() };
    }
    case 'cluster': {
      const cluster = await startRedisCluster();
      return { topology: cluster.topology, stop: () => cluster.stop() };
    }
    case 'sentinel': {
      const group = await startRedisSentinel();
      return { topology: group.topology, stop: () => group.stop() };
    }
    default:
      throw new Error(`startTopology: unknown topology kind ${JSON.stringify(kind)}; expected ${TOPOLOGY_KINDS.join(', ')}`);
  }
}
