import { randomPrefix } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeySpace, loadScript, type RedisClient, ScriptError, ScriptRunner } from '../src/index.js';
import { connectTestRedis } from './helpers.js';

const dir = new URL('./scripts/', import.meta.url);

describe('script registry', () => {
  let redis: RedisClient;
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(() => redis.disconnect());

  it('counts keys from the header and expands includes', () => {
    const script = loadScript(dir, 'emit');
    expect(script.numberOfKeys).toBe(2);
    expect(script.source).toContain('local function changelog_emit');
    expect(script.source).toContain('local function now_ms');
    expect(script.source).not.toContain('--!include');
  });

  it('refuses a call with the wrong number of keys', async () => {
    const runner = new ScriptRunner(redis, dir, ['emit'] as const);
    await expect(runner.run('emit', ['only-one'], [])).rejects.toThrow(/takes 2 keys/);
  });

  it('turns TRELLIS_ error replies into typed ScriptErrors', async () => {
    const runner = new ScriptRunner(redis, dir, ['fail'] as const);
    const key = createKeySpace('test', { prefix: randomPrefix() }).key('x', 't');
    const error = await runner.run('fail', [key]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'version 3 is not 2' });
  });
});
