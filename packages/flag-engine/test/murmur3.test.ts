import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { murmur3_32, murmur3_32Bytes, normalizedValue, VARIANT_SEED } from '../src/index.js';
import { murmur3Continue, murmur3Prefix } from '../src/murmur3.js';

const require = createRequire(import.meta.url);
// independent reference implementation (matches the C++ reference, operates on bytes)
const reference = require('murmurhash3js-revisited') as {
  x86: { hash32(bytes: Uint8Array, seed?: number): number };
};
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('murmur3_32 (x86, 32-bit)', () => {
  // published vectors for MurmurHash3_x86_32
  const vectors: Array<[string, number, number]> = [
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['aa', 0x9747b28c, 0x5d211726],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['ab', 0x9747b28c, 0x74875592],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['abcd', 0x9747b28c, 0xf0478627],
    ['abc', 0, 0xb3dd93fa],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ];
  for (const [input, seed, expected] of vectors) {
    it(`${JSON.stringify(input)} seed 0x${seed.toString(16)} -> 0x${expected.toString(16)}`, () => {
      expect(murmur3_32(input, seed)).toBe(expected);
    });
  }

  it('matches byte vectors', () => {
    expect(murmur3_32Bytes(new Uint8Array([0x21, 0x43, 0x65, 0x87]), 0)).toBe(0xf55b516b);
    expect(murmur3_32Bytes(new Uint8Array([0x21, 0x43, 0x65, 0x87]), 0x5082edee)).toBe(0x2362f9de);
    expect(murmur3_32Bytes(new Uint8Array([0x21, 0x43, 0x65]), 0)).toBe(0x7e4a8634);
    expect(murmur3_32Bytes(new Uint8Array([0x21, 0x43]), 0)).toBe(0xa0f7b07a);
    expect(murmur3_32Bytes(new Uint8Array([0x21]), 0)).toBe(0x72661cf4);
    expect(murmur3_32Bytes(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 0)).toBe(0x76293b50);
  });

  it('hashes the UTF-8 bytes of any string like the reference implementation', () => {
    const alphabet = ['a', 'Z', '0', ':', '-', 'é', 'ø', 'π', '你', '好', '😊', '🌍', '\u0000', '\uffff'];
    let state = 12345;
    const rnd = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const len = rnd(24);
      for (let j = 0; j < len; j++) s += alphabet[rnd(alphabet.length)];
      const seed = rnd(2) === 0 ? 0 : VARIANT_SEED;
      expect(murmur3_32(s, seed)).toBe(reference.x86.hash32(utf8(s), seed));
    }
  });

  it('encodes lone surrogates as U+FFFD, like TextEncoder', () => {
    for (const s of ['\ud800', 'a\udc00b', 'x\ud83d']) {
      expect(murmur3_32(s, 0)).toBe(reference.x86.hash32(utf8(s), 0));
    }
  });

  it('continues a precomputed prefix state exactly like hashing the whole string', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd', 'groupId:', 'Feature.flexibleRollout.10:', 'ø:']) {
      const st = murmur3Prefix(prefix, 0);
      for (const id of ['', '1', '174', 'user-123456', '😊']) {
        expect(murmur3Continue(st, id)).toBe(murmur3_32(prefix + id, 0));
      }
    }
  });
});

describe('normalizedValue', () => {
  it('is murmur3("<groupId>:<id>") % 100 + 1', () => {
    for (const [id, group] of [
      ['123', 'gr1'],
      ['999', 'groupX'],
      ['user@example.com', 'Feature.A'],
    ] as const) {
      expect(normalizedValue(id, group)).toBe((murmur3_32(`${group}:${id}`, 0) % 100) + 1);
    }
  });

  it('matches values used by Unleash SDK test suites', () => {
    // from Unleash client tests: normalizedValue('123', 'gr1') === 73, ('999', 'groupX') === 25
    expect(normalizedValue('123', 'gr1')).toBe(73);
    expect(normalizedValue('999', 'groupX')).toBe(25);
  });

  it('supports a seed and a normalizer (variants)', () => {
    const v = normalizedValue('user-1', 'flag', VARIANT_SEED, 1000);
    expect(v).toBe((murmur3_32('flag:user-1', VARIANT_SEED) % 1000) + 1);
    expect(v).toBeGreaterThanOrEqual(1);
    expect(v).toBeLessThanOrEqual(1000);
  });
});
