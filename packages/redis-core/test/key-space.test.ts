import { randomPrefix } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeySpace, escapeKeySegment, type RedisClient, unescapeKeySegment } from '../src/index.js';
import { connectTestRedis } from './helpers.js';

const NASTY = [
  'a:b',
  'a{b}c',
  '{tag}',
  '}{',
  '*',
  'a*b?c[d]\\e',
  'ünïcødé 名前 🚀',
  'with space\nand newline',
  '%2A',
  '',
  'x'.repeat(1024),
];

describe('key space', () => {
  const keys = createKeySpace('state', { prefix: 'trellis' });

  it('lays keys out as <prefix>:<service>:<entity>:{<tag>}:<parts>', () => {
    expect(keys.key('doc', 'orders', 'order-1')).toBe('trellis:state:doc:{orders}:order-1');
  });

  it.each(NASTY)('escapes %j so it cannot leave its segment', (name) => {
    const segment = escapeKeySegment(name);
    expect(segment).not.toMatch(/[:{}*?[\]\\\s]/);
    expect(unescapeKeySegment(segment)).toBe(name);
    const key = keys.key('doc', name, name);
    // Exactly one hash tag and the expected number of separators, whatever the name holds.
    expect(key.match(/\{/g)).toHaveLength(1);
    expect(key.match(/\}/g)).toHaveLength(1);
    expect(key.split(':')).toHaveLength(5);
  });

  it('maps different names to different keys (injective)', () => {
    const seen = new Set(NASTY.map((name) => keys.key('doc', 't', name)));
    expect(seen.size).toBe(NASTY.length);
    expect(keys.key('doc', 'a', 'b:c')).not.toBe(keys.key('doc', 'a', 'b', 'c'));
    expect(keys.key('doc', 'a:b', 'c')).not.toBe(keys.key('doc', 'a', 'b:c'));
  });

  it('refuses developer-chosen names that are not plain', () => {
    expect(() => createKeySpace('Bad:Service')).toThrow(/service must match/);
    expect(() => createKeySpace('ok', { prefix: 'a{b}' })).toThrow(/prefix must match/);
    expect(() => keys.key('doc*', 't')).toThrow(/entity must match/);
  });
});

describe('key space against Redis', () => {
  let redis: RedisClient;
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(() => redis.disconnect());

  it('keeps nasty names inside their namespace, even for SCAN patterns', async () => {
    const prefix = randomPrefix();
    const keys = createKeySpace('state', { prefix });
    const other = createKeySpace('config', { prefix });
    for (const name of NASTY) {
      await redis.set(keys.key('doc', 'ns', name), name);
      await redis.set(other.key('doc', 'ns', name), 'other');
    }
    for (const name of NASTY) expect(await redis.get(keys.key('doc', 'ns', name))).toBe(name);

    // A SCAN for one namespace built from escaped input finds exactly that namespace's keys.
    const pattern = `${keys.key('doc', 'ns')}:*`;
    const found = new Set<string>();
    const nodes = 'nodes' in redis ? redis.nodes('master') : [redis];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const key of batch) found.add(key);
      } while (cursor !== '0');
    }
    expect(found.size).toBe(NASTY.length);
    // And a name that is itself a glob matches only itself.
    const star = keys.key('doc', 'ns', '*');
    expect(await redis.exists(star)).toBe(1);
  });
});
