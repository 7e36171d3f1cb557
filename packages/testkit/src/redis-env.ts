import type { RedisTopology } from './types.js';

/** The environment variables a Trellis service reads to reach this topology (DESIGN §3). */
export function redisEnv(topology: RedisTopology): Record<string, string> {
  switch (topology.kind) {
    case 'standalone':
      return { REDIS_URL: topology.url };
    case 'cluster':
      return { REDIS_CLUSTER_NODES: topology.nodes.map((n) => `${n.host}:${n.port}`).join(',') };
    case 'sentinel':
      return {
        REDIS_SENTINELS: topology.sentinels.map((n) => `${n.host}:${n.port}`).join(','),
        REDIS_SENTINEL_NAME: topology.name,
      };
  }
}
