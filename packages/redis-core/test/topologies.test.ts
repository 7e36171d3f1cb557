import { type RedisSentinelGroup, type RedisServer, randomPrefix, redisCli, startRedis, startRedisSentinel } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeLog, connectRedis, createBlockingConnection, createKeySpace, createRedis, redisSettingsFromEnv, ScriptRunner } from '../src/index.js';

describe('Sentinel', () => {
  let group: RedisSentinelGroup;
  beforeAll(async () => {
    group = await startRedisSentinel({ downAfterMs: 1_000 });
  }, 60_000);
  afterAll(() => group?.stop());

  it('connects through the sentinels named by REDIS_SENTINELS and runs scripts and change logs', async () => {
    const { connection } = redisSettingsFromEnv({
      REDIS_SENTINELS: group.topology.sentinels.map((s) => `${s.host}:${s.port}`).join(','),
      REDIS_SENTINEL_NAME: group.topology.name,
    });
    const client = createRedis(connection);
    await connectRedis(client);
    const keys = createKeySpace('test', { prefix: randomPrefix() });
    await client.set(keys.key('x', 't'), 'via-sentinel');
    expect(await client.get(keys.key('x', 't'))).toBe('via-sentinel');

    const emitter = new ScriptRunner(client, new URL('./scripts/', import.meta.url), ['emit'] as const);
    const scope = { revisionKey: keys.key('revision', 't'), streamKey: keys.key('events', 't') };
    await emitter.run('emit', [scope.revisionKey, scope.streamKey], ['changed', '{}', 100]);
    const log = new ChangeLog(client, { openBlockingConnection: () => createBlockingConnection(connection) });
    expect((await log.range(scope, 0)).events).toHaveLength(1);
    await log.close();
    client.disconnect();
  });
});

describe('ACL users in REDIS_URL', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
    await redisCli(['-p', String(server.port), 'ACL', 'SETUSER', 'app', 'on', '>s3cret-pass', '~*', '&*', '+@all']);
  });
  afterAll(() => server?.stop());

  it('authenticates as the URL user, and fails clearly with a wrong password', async () => {
    const good = createRedis({ kind: 'standalone', url: `redis://app:s3cret-pass@127.0.0.1:${server.port}` });
    await connectRedis(good);
    expect(await good.acl('WHOAMI')).toBe('app');
    good.disconnect();

    const bad = createRedis({ kind: 'standalone', url: `redis://app:wrong@127.0.0.1:${server.port}` });
    bad.on('error', () => {});
    await expect(connectRedis(bad)).rejects.toThrow(/WRONGPASS|invalid username-password/i);
    bad.disconnect();
  });
});
