import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInfo, type RedisCluster, randomPrefix, redisCli, redisCommand, startRedisCluster } from '../src/index.js';
import { pidAlive } from './pid-alive.js';

describe('startRedisCluster', () => {
  let cluster: RedisCluster;

  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('reaches cluster_state:ok with all slots on every node', async () => {
    expect(cluster.topology.kind).toBe('cluster');
    expect(cluster.topology.nodes).toHaveLength(3);
    for (const node of cluster.topology.nodes) {
      expect(node.host).toBe('127.0.0.1');
      const info = parseInfo(await redisCommand(node, ['CLUSTER', 'INFO']));
      expect(info.cluster_state).toBe('ok');
      expect(info.cluster_slots_ok).toBe('16384');
      expect(info.cluster_known_nodes).toBe('3');
    }
  });

  it('sets keys on every node through redirection (redis-cli -c)', async () => {
    const prefix = randomPrefix();
    const owners = new Set<number>();
    // Enough keys that every primary owns some of them.
    for (let i = 0; i < 30; i++) {
      const key = `${prefix}:${i}`;
      const entry = cluster.topology.nodes[i % 3];
      if (!entry) throw new Error('no node');
      const set = await redisCli(['-c', '-p', String(entry.port), 'SET', key, `v${i}`]);
      expect(set.stdout.trim()).toBe('OK');
      const slot = Number(await redisCommand(entry, ['CLUSTER', 'KEYSLOT', key]));
      for (const node of cluster.topology.nodes) {
        // The owner answers directly; the others answer MOVED.
        const got = await redisCommand(node, ['GET', key]).catch((err: Error) => err.message);
        if (got === `v${i}`) owners.add(node.port);
        else expect(got).toMatch(new RegExp(`^MOVED ${slot} 127\\.0\\.0\\.1:\\d+$`));
      }
    }
    expect(owners.size).toBe(3);
  });

  it('rejects fewer than 3 primaries', async () => {
    await expect(startRedisCluster({ primaries: 2 })).rejects.toThrow(/primaries must be an integer >= 3/);
  });

  it('stop() removes every node and its dir', async () => {
    const pids = cluster.servers.map((s) => s.pid);
    const dirs = cluster.servers.map((s) => s.dir);
    await cluster.stop();
    for (const pid of pids) expect(pidAlive(pid)).toBe(false);
    for (const dir of dirs) expect(existsSync(dir)).toBe(false);
  });
});
