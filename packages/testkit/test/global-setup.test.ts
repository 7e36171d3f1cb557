import { describe, expect, inject, it } from 'vitest';
import { parseInfo, type RedisTopology, redisCommand } from '../src/index.js';

function firstNode(topology: RedisTopology): { host: string; port: number } {
  switch (topology.kind) {
    case 'standalone': {
      const url = new URL(topology.url);
      return { host: url.hostname, port: Number(url.port || 6379) };
    }
    case 'cluster':
      return topology.nodes[0] ?? { host: '', port: 0 };
    case 'sentinel':
      return topology.sentinels[0] ?? { host: '', port: 0 };
  }
}

describe('global setup', () => {
  it('provides a running topology of the kind named by TRELLIS_TEST_TOPOLOGY', async () => {
    const topology = inject('redisTopology');
    expect(topology.kind).toBe(process.env.TRELLIS_TEST_TOPOLOGY?.trim().toLowerCase() || 'standalone');
    const node = firstNode(topology);
    expect(await redisCommand(node, ['PING'])).toBe('PONG');
    if (topology.kind === 'cluster') {
      expect(parseInfo(await redisCommand(node, ['CLUSTER', 'INFO'])).cluster_state).toBe('ok');
    }
    if (topology.kind === 'sentinel') {
      const addr = await redisCommand(node, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', topology.name]);
      expect(Array.isArray(addr)).toBe(true);
    }
  });
});
