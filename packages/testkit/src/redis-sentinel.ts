import { LOOPBACK, launchRedis, type RedisServer, startRedis } from './redis-server.js';
import { pairsToRecord, parseInfo, redisCommand } from './resp-client.js';
import type { RedisTopology } from './types.js';
import { waitFor } from './wait-for.js';

export interface RedisSentinelGroup {
  topology: Extract<RedisTopology, { kind: 'sentinel' }>;
  primary: RedisServer;
  replica: RedisServer;
  sentinels: RedisServer[];
  stop(): Promise<void>;
}

export interface StartRedisSentinelOptions {
  /** The monitored primary's name; default 'trellis'. */
  name?: string;
  /** `sentinel down-after-milliseconds`; default 1000. */
  downAfterMs?: number;
  /** `sentinel failover-timeout`; default 5000 (Redis's own default, 3 min, is far too slow for tests). */
  failoverTimeoutMs?: number;
}

const SENTINELS = 3;
const QUORUM = 2;

function sentinelConfig(name: string, primaryPort: number, downAfterMs: number, failoverTimeoutMs: number): string {
  return [
    '# written by @trellis/testkit; sentinel rewrites this file',
    'sentinel resolve-hostnames no',
    `sentinel monitor ${name} ${LOOPBACK} ${primaryPort} ${QUORUM}`,
    `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
    `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
    `sentinel parallel-syncs ${name} 1`,
    '',
  ].join('\n');
}

async function stopAll(sentinels: RedisServer[], dataNodes: RedisServer[]): Promise<void> {
  // Sentinels first, so they do not start a failover while the data nodes go down.
  await Promise.allSettled(sentinels.map((s) => s.stop()));
  await Promise.allSettled(dataNodes.map((s) => s.stop()));
}

/**
 * Starts a primary, one replica (`replicaof`) and three sentinels (quorum 2) on 127.0.0.1, and
 * resolves once the replica is in sync and every sentinel sees the replica and the two other sentinels.
 */
export async function startRedisSentinel(opts: StartRedisSentinelOptions = {}): Promise<RedisSentinelGroup> {
  const name = opts.name ?? 'trellis';
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`startRedisSentinel: invalid master name ${JSON.stringify(name)}`);
  const downAfterMs = opts.downAfterMs ?? 1000;
  const failoverTimeoutMs = opts.failoverTimeoutMs ?? 5000;
  const dataNodes: RedisServer[] = [];
  const sentinels: RedisServer[] = [];
  try {
    // No 5 s wait for more replicas before a (diskless) full sync: both nodes, as roles swap on failover.
    const dataArgs = ['--repl-diskless-sync-delay', '0'];
    const primary = await startRedis({ args: dataArgs });
    dataNodes.push(primary);
    const replica = await startRedis({ args: [...dataArgs, '--replicaof', LOOPBACK, String(primary.port)] });
    dataNodes.push(replica);
    await waitFor(
      async () => parseInfo(await redisCommand(replica, ['INFO', 'replication'])).master_link_status === 'up',
      { timeoutMs: 15_000, message: `replica ${replica.url} to sync with primary ${primary.url}` },
    );

    const conf = sentinelConfig(name, primary.port, downAfterMs, failoverTimeoutMs);
    const results = await Promise.allSettled(Array.from({ length: SENTINELS }, () => launchRedis({ sentinelConfig: conf })));
    for (const r of results) if (r.status === 'fulfilled') sentinels.push(r.value);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    await waitFor(
      async () => {
        for (const s of sentinels) {
          const replicas = await redisCommand(s, ['SENTINEL', 'REPLICAS', name]);
          const seesReplica =
            Array.isArray(replicas) &&
            replicas.some((entry) => {
              const r = pairsToRecord(entry);
              return r.port === String(replica.port) && !/s_down|o_down|disconnected/.test(r.flags ?? '');
            });
          const peers = await redisCommand(s, ['SENTINEL', 'SENTINELS', name]);
          if (!seesReplica || !Array.isArray(peers) || peers.length < SENTINELS - 1) return false;
        }
        return true;
      },
      { timeoutMs: 20_000, intervalMs: 100, message: `sentinels to see replica ${replica.url} and each other` },
    );

    return {
      topology: { kind: 'sentinel', name, sentinels: sentinels.map((s) => ({ host: s.host, port: s.port })) },
      primary,
      replica,
      sentinels,
      stop: () => stopAll(sentinels, dataNodes),
    };
  } catch (err) {
    await stopAll(sentinels, dataNodes);
    throw err;
  }
}
