import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, isPortFree, randomPrefix, startRedis, startTopology, topologyFromEnv, trackedPids, waitFor } from '../src/index.js';

describe('freePort', () => {
  it('returns distinct loopback ports that can be bound', async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    for (const port of ports) {
      expect(port).toBeGreaterThan(0);
      expect(await isPortFree(port)).toBe(true);
    }
  });

  it('isPortFree sees a bound port as taken', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('waitFor', () => {
  it('resolves with the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 5 });
    expect(value).toEqual({ calls: 3 });
  });

  it('retries through errors and reports the message and last error on timeout', async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error('boom');
        },
        { timeoutMs: 100, intervalMs: 10, message: 'the thing' },
      ),
    ).rejects.toThrow(/the thing not met within 100 ms; last error: boom/);
  });
});

describe('randomPrefix', () => {
  it('is unique and recognisable', () => {
    const a = randomPrefix();
    const b = randomPrefix();
    expect(a).toMatch(/^trellis-test-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('topologyFromEnv', () => {
  it('defaults to standalone and accepts the three kinds', () => {
    expect(topologyFromEnv({})).toBe('standalone');
    expect(topologyFromEnv({ TRELLIS_TEST_TOPOLOGY: '' })).toBe('standalone');
    expect(topologyFromEnv({ TRELLIS_TEST_TOPOLOGY: 'cluster' })).toBe('cluster');
    expect(topologyFromEnv({ TRELLIS_TEST_TOPOLOGY: 'Sentinel' })).toBe('sentinel');
  });

  it('throws a clear error on anything else', () => {
    expect(() => topologyFromEnv({ TRELLIS_TEST_TOPOLOGY: 'clutser' })).toThrow(
      /TRELLIS_TEST_TOPOLOGY must be one of standalone, cluster, sentinel .*"clutser"/,
    );
  });
});

describe('missing redis-server', () => {
  it('says to install it', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedis()).rejects.toThrow(/redis-server and redis-cli not found on PATH.*apt-get install redis-server/);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('startTopology', () => {
  it('starts a standalone server of its own even when REDIS_URL is set', async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    const before = trackedPids().length;
    try {
      const started = await startTopology('standalone');
      expect(started.topology.kind).toBe('standalone');
      expect(started.topology).not.toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:1' });
      expect(trackedPids().length).toBe(before + 1);
      await started.stop();
      expect(trackedPids().length).toBe(before);
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });
});
