/** A host and port on which a Redis node (server or sentinel) listens. */
export interface HostPort {
  host: string;
  port: number;
}

/** How tests reach the Redis that testkit started (JSON-serialisable, so vitest can `provide` it). */
export type RedisTopology =
  | { kind: 'standalone'; url: string }
  | { kind: 'cluster'; nodes: HostPort[] }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string };

export type RedisTopologyKind = RedisTopology['kind'];

export const TOPOLOGY_KINDS: readonly RedisTopologyKind[] = ['standalone', 'cluster', 'sentinel'];
