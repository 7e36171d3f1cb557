import { freePort } from '@trellis/testkit';
import { describe, expect, it } from 'vitest';
import { createRedis, RedisUnavailableError, redisSettingsFromEnv, toRedisError } from '../src/index.js';

describe('redisSettingsFromEnv', () => {
  it('reads a standalone URL with ACL user and TLS', () => {
    const settings = redisSettingsFromEnv({ REDIS_URL: 'rediss://app:secret@cache.local:6380/2' });
    expect(settings.connection).toEqual({ kind: 'standalone', url: 'rediss://app:secret@cache.local:6380/2' });
  });

  it('reads Sentinel and Cluster variables, Cluster first', () => {
    expect(
      redisSettingsFromEnv({ REDIS_SENTINELS: '10.0.0.1:26379, 10.0.0.2:26379', REDIS_SENTINEL_NAME: 'main' }).connection,
    ).toEqual({
      kind: 'sentinel',
      name: 'main',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
    });
    expect(
      redisSettingsFromEnv({ REDIS_CLUSTER_NODES: '[::1]:7000,127.0.0.1:7001', REDIS_URL: 'redis://x' }).connection,
    ).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '::1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
      ],
    });
  });

  it('rejects what it cannot use, saying which variable is wrong', () => {
    expect(() => redisSettingsFromEnv({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => redisSettingsFromEnv({ REDIS_CLUSTER_NODES: 'nohost' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => redisSettingsFromEnv({ REDIS_SENTINELS: 'a:99999' })).toThrow(/REDIS_SENTINELS/);
    expect(() => redisSettingsFromEnv({})).toThrow(/REDIS_URL/);
  });
});

describe('an unreachable Redis', () => {
  it('fails commands at once as RedisUnavailableError instead of hanging', async () => {
    const port = await freePort();
    const client = createRedis({ kind: 'standalone', url: `redis://127.0.0.1:${port}` });
    client.on('error', () => {});
    client.connect().catch(() => {});
    const started = Date.now();
    const error = await client.get('x').catch((e: unknown) => toRedisError(e));
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_500);
    client.disconnect();
  });
});

describe('toRedisError', () => {
  it('takes a Redis busy with a long script for unavailable, a stream group that exists for not', () => {
    const busy = new Error('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.');
    expect(toRedisError(busy)).toBeInstanceOf(RedisUnavailableError);
    const group = new Error('BUSYGROUP Consumer Group name already exists');
    expect(toRedisError(group)).toBe(group);
  });
});
