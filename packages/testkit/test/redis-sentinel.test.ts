import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInfo, type RedisSentinelGroup, redisCommand, startRedisSentinel, waitFor } from '../src/index.js';

describe('startRedisSentinel', () => {
  let group: RedisSentinelGroup;

  beforeAll(async () => {
    group = await startRedisSentinel({ downAfterMs: 1000 });
  });
  afterAll(async () => {
    await group?.stop();
  });

  it('reports the primary address from every sentinel', async () => {
    expect(group.topology).toMatchObject({ kind: 'sentinel', name: 'trellis' });
    expect(group.topology.sentinels).toHaveLength(3);
    for (const s of group.topology.sentinels) {
      const addr = await redisCommand(s, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'trellis']);
      expect(addr).toEqual(['127.0.0.1', String(group.primary.port)]);
      expect(String(await redisCommand(s, ['SENTINEL', 'CKQUORUM', 'trellis']))).toMatch(/^OK 3 usable Sentinels/);
    }
    const replication = parseInfo(await redisCommand(group.replica, ['INFO', 'replication']));
    expect(replication.role).toBe('slave');
    expect(replication.master_port).toBe(String(group.primary.port));
  });

  it('promotes the replica after the primary is killed', async () => {
    await redisCommand(group.primary, ['SET', 'before-failover', '1']);
    await waitFor(async () => (await redisCommand(group.replica, ['GET', 'before-failover'])) === '1', { timeoutMs: 5000 });

    await group.primary.kill('SIGKILL');
    const started = Date.now();
    await waitFor(
      async () => {
        for (const s of group.topology.sentinels) {
          const addr = await redisCommand(s, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'trellis']);
          if (!Array.isArray(addr) || addr[1] !== String(group.replica.port)) return false;
        }
        return true;
      },
      { timeoutMs: 15_000, intervalMs: 200, message: 'sentinels to fail over to the replica' },
    );
    const replication = parseInfo(await redisCommand(group.replica, ['INFO', 'replication']));
    expect(replication.role).toBe('master');
    expect(await redisCommand(group.replica, ['GET', 'before-failover'])).toBe('1');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
