import { freePort, isPortFree } from './free-port.js';
import { redisCli } from './redis-cli.js';
import { LOOPBACK, launchRedis, type RedisServer } from './redis-server.js';
import { parseInfo, redisCommand } from './resp-client.js';
import type { RedisTopology } from './types.js';
import { waitFor } from './wait-for.js';

export interface RedisCluster {
  topology: Extract<RedisTopology, { kind: 'cluster' }>;
  servers: RedisServer[];
  stop(): Promise<void>;
}

export interface StartRedisClusterOptions {
  /** Number of primaries (no replicas); default 3, the minimum redis-cli accepts. */
  primaries?: number;
  /** `cluster-node-timeout`; default 5000 ms. */
  nodeTimeoutMs?: number;
}

const CLUSTER_SLOTS = 16384;
const BUS_PORT_OFFSET = 10_000;

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = await freePort();
    if (port + BUS_PORT_OFFSET <= 65_535 && (await isPortFree(port + BUS_PORT_OFFSET))) return port;
  }
  throw new Error('startRedisCluster: no free port with a free cluster bus port (port + 10000) found');
}

async function stopAll(servers: RedisServer[]): Promise<void> {
  await Promise.allSettled(servers.map((s) => s.stop()));
}

/**
 * Starts a Redis Cluster of `primaries` nodes on 127.0.0.1 (no replicas), joins them with
 * `redis-cli --cluster create`, and resolves once every node reports cluster_state:ok with all
 * 16384 slots assigned and every other node known.
 */
export async function startRedisCluster(opts: StartRedisClusterOptions = {}): Promise<RedisCluster> {
  const primaries = opts.primaries ?? 3;
  if (!Number.isInteger(primaries) || primaries < 3) {
    throw new Error(`startRedisCluster: primaries must be an integer >= 3 (redis-cli --cluster create needs 3), got ${primaries}`);
  }
  const nodeTimeout = String(opts.nodeTimeoutMs ?? 5000);
  const servers: RedisServer[] = [];
  try {
    const started = await Promise.allSettled(
      Array.from({ length: primaries }, () =>
        launchRedis({
          pickPort: freeClusterPort,
          args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', nodeTimeout],
        }),
      ),
    );
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    const addresses = servers.map((s) => `${LOOPBACK}:${s.port}`);
    const created = await redisCli(['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeoutMs: 60_000,
    });
    if (created.code !== 0) {
      throw new Error(`redis-cli --cluster create failed (exit ${created.code}):\n${created.stdout}${created.stderr}`);
    }

    await waitFor(
      async () => {
        for (const s of servers) {
          const info = parseInfo(await redisCommand(s, ['CLUSTER', 'INFO']));
          if (
            info.cluster_state !== 'ok' ||
            info.cluster_slots_assigned !== String(CLUSTER_SLOTS) ||
            info.cluster_slots_ok !== String(CLUSTER_SLOTS) ||
            info.cluster_known_nodes !== String(primaries)
          ) {
            return false;
          }
        }
        return true;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: `cluster of ${primaries} nodes to reach cluster_state:ok` },
    );
  } catch (err) {
    await stopAll(servers);
    throw err;
  }

  return {
    topology: { kind: 'cluster', nodes: servers.map((s) => ({ host: s.host, port: s.port })) },
    servers,
    stop: () => stopAll(servers),
  };
}
