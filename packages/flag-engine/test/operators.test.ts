import { describe, expect, it } from 'vitest';
import { compareSemver, compileRe2, parseSemver } from '../src/index.js';
import { cidrContains, ipInAny, parseCidr, parseIp } from '../src/ip.js';

describe('semver', () => {
  const order = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.1.0',
    '2.0.0',
    '10.0.0',
  ];
  it('orders versions by SemVer 2.0.0 precedence', () => {
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) {
        const a = parseSemver(order[i] as string);
        const b = parseSemver(order[j] as string);
        expect(a && b ? Math.sign(compareSemver(a, b)) : Number.NaN).toBe(Math.sign(i - j));
      }
    }
  });
  it('ignores build metadata and rejects loose forms', () => {
    const a = parseSemver('1.2.3+build.5');
    const b = parseSemver('1.2.3');
    expect(a && b && compareSemver(a, b)).toBe(0);
    for (const bad of ['v1.2.3', '1.2', '1.2.3.4', '01.2.3', '1.2.3-', '=1.2.3', 'not a semver']) {
      expect(parseSemver(bad)).toBeUndefined();
    }
  });
});

describe('ip / cidr', () => {
  it('parses IPv4 and IPv6 forms', () => {
    const w = new Uint32Array(4);
    expect(parseIp('127.0.0.1', w)).toBe(4);
    expect([...w]).toEqual([0, 0, 0xffff, 0x7f000001]);
    expect(parseIp('::ffff:127.0.0.1', w)).toBe(6);
    expect([...w]).toEqual([0, 0, 0xffff, 0x7f000001]);
    expect(parseIp('2001:db8::1', w)).toBe(6);
    expect([...w]).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIp('fe80::1%eth0', w)).toBe(6);
    for (const bad of ['', '1.2.3', '256.1.1.1', '1.2.3.4.5', '01.2.3.4', '1::2::3', ':::', 'g::1', '1:2:3:4:5:6:7:8:9']) {
      expect(parseIp(bad, w)).toBe(0);
    }
  });
  it('matches ranges', () => {
    const r = parseCidr('160.33.0.0/16');
    expect(r).toBeDefined();
    expect(ipInAny([r as never], '160.33.255.255')).toBe(true);
    expect(ipInAny([r as never], '160.34.0.0')).toBe(false);
    const all4 = parseCidr('0.0.0.0/0');
    expect(ipInAny([all4 as never], '8.8.8.8')).toBe(true);
    expect(ipInAny([all4 as never], '2001:db8::1')).toBe(false);
    const v6 = parseCidr('2001:db8:abcd:12::/63');
    const w = new Uint32Array(4);
    parseIp('2001:db8:abcd:13:ffff::1', w);
    expect(cidrContains(v6 as never, w)).toBe(true);
    parseIp('2001:db8:abcd:14::1', w);
    expect(cidrContains(v6 as never, w)).toBe(false);
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/', 'x/8', '127.invalid', 'bad::cidr']) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });
});

describe('REGEX (RE2 syntax)', () => {
  const m = (pattern: string, input: string, ci = false) => compileRe2(pattern, ci).test(input);
  it('supports RE2 features', () => {
    expect(m('^[[:alpha:]]+$', 'AlphaBeta')).toBe(true);
    expect(m('^[[:alpha:]]+$', 'Alpha1')).toBe(false);
    expect(m('^[[:digit:][:upper:]]+$', 'AB12')).toBe(true);
    expect(m('^(?i)abc$', 'AbC')).toBe(true);
    expect(m('(?m)^foo$', 'x\nfoo\ny')).toBe(true);
    expect(m('^(?s)a.b$', 'a\nb')).toBe(true);
    expect(m('(?i:ab)c', 'ABc')).toBe(true);
    expect(m('\\Aab\\z', 'ab')).toBe(true);
    expect(m('(?m)\\Aab\\z', 'x\nab')).toBe(false);
    expect(m('^\\Qa.b*\\E$', 'a.b*')).toBe(true);
    expect(m('^\\Qa.b*\\E$', 'axbb')).toBe(false);
    expect(m('^\\x{1F600}$', '😀')).toBe(true);
    expect(m('^\\pL+$', 'héllo')).toBe(true);
    expect(m('^\\p{Greek}+$', 'αβγ')).toBe(true);
    expect(m('^(?P<word>\\w+)$', 'abc')).toBe(true);
    expect(m('^a{2,4}$', 'aaa')).toBe(true);
    expect(m('^a{,2}$', 'a{,2}')).toBe(true);
    expect(m('^\\-\\@$', '-@')).toBe(true);
    expect(m('^.$', '😀')).toBe(true);
    expect(m('^abc$', 'ABC', true)).toBe(true);
  });
  it('rejects what RE2 rejects', () => {
    for (const bad of ['(a', '^(?=a)b$', '(?<=a)b', '(?!a)', '(a)\\1', '(?>a)', 'a**', '\\C', 'a{1001}', '[[:nope:]]']) {
      expect(() => compileRe2(bad), bad).toThrow();
    }
  });
});
