import { describe, expect, it } from 'vitest';
import {
  compileFlags,
  DISABLED_VARIANT,
  evaluate,
  evaluateAll,
  type FlagsDocument,
  getVariant,
  isEnabled,
  NO_VARIANT,
} from '../src/index.js';

const doc: FlagsDocument = {
  segments: [{ id: 1, name: 'beta-testers', constraints: [{ contextName: 'plan', operator: 'IN', values: ['beta'] }] }],
  features: [
    { name: 'static-on', type: 'release', enabled: true, strategies: [] },
    { name: 'default-strategy', enabled: true, strategies: [{ name: 'default' }], impressionData: true },
    { name: 'off', enabled: false, strategies: [{ name: 'default' }] },
    {
      name: 'constrained',
      enabled: true,
      strategies: [
        { name: 'default', constraints: [{ contextName: 'environment', operator: 'IN', values: ['prod'] }] },
      ],
    },
    {
      name: 'segmented',
      enabled: true,
      strategies: [{ name: 'flexibleRollout', parameters: { rollout: '100' }, segments: [1] }],
    },
    {
      name: 'rollout',
      enabled: true,
      strategies: [
        {
          name: 'flexibleRollout',
          parameters: { rollout: '50', stickiness: 'userId', groupId: 'rollout' },
          constraints: [{ contextName: 'appName', operator: 'IN', values: ['web'] }],
        },
      ],
    },
    {
      name: 'with-variants',
      enabled: true,
      strategies: [{ name: 'default' }],
      variants: [
        { name: 'a', weight: 500, payload: { type: 'string', value: 'A' } },
        { name: 'b', weight: 500, overrides: [{ contextName: 'userId', values: ['vip'] }] },
      ],
    },
    {
      name: 'single-variant',
      enabled: true,
      strategies: [],
      variants: [{ name: 'only', weight: 1000, payload: { type: 'json', value: '{"x":1}' } }],
    },
    {
      name: 'strategy-variants',
      enabled: true,
      strategies: [
        {
          name: 'flexibleRollout',
          parameters: { rollout: '100', stickiness: 'default' },
          constraints: [{ contextName: 'environment', operator: 'IN', values: ['dev'] }],
          variants: [{ name: 'from-strategy', weight: 1000 }],
        },
        { name: 'default' },
      ],
      variants: [{ name: 'from-flag', weight: 1000 }],
    },
    { name: 'users', enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: 'alice, bob' } }] },
    {
      name: 'ips',
      enabled: true,
      strategies: [{ name: 'remoteAddress', parameters: { IPs: '10.0.0.0/8, 192.168.1.7, 2001:db8::/32, ::1' } }],
    },
    {
      name: 'hosts',
      enabled: true,
      strategies: [{ name: 'applicationHostname', parameters: { hostNames: 'api-1, Worker-2' } }],
    },
    { name: 'child', enabled: true, strategies: [], dependencies: [{ feature: 'off' }] },
    { name: 'child-of-off-expected', enabled: true, strategies: [], dependencies: [{ feature: 'off', enabled: false }] },
    {
      name: 'child-of-variant',
      enabled: true,
      strategies: [],
      dependencies: [{ feature: 'with-variants', variants: ['b'] }],
    },
    {
      name: 'custom-stickiness',
      enabled: true,
      strategies: [{ name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'tenantId' } }],
    },
  ],
};

const compiled = compileFlags(doc, { hostname: 'api-1' });

describe('evaluate: OpenFeature reasons', () => {
  it('FLAG_NOT_FOUND for an absent flag', () => {
    expect(evaluate(compiled, 'nope', {})).toEqual({
      enabled: false,
      variant: DISABLED_VARIANT,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: 'flag "nope" not found',
    });
    expect(isEnabled(compiled, 'nope', {})).toBe(false);
    expect(getVariant(compiled, 'nope', {})).toBe(DISABLED_VARIANT);
  });

  it('DISABLED when the flag is off', () => {
    const r = evaluate(compiled, 'off', {});
    expect(r.enabled).toBe(false);
    expect(r.reason).toBe('DISABLED');
    expect(r.variant).toEqual({ name: 'disabled', enabled: false, featureEnabled: false });
  });

  it('STATIC for no strategies or an unconditional default strategy', () => {
    expect(evaluate(compiled, 'static-on', {})).toEqual({
      enabled: true,
      variant: NO_VARIANT,
      reason: 'STATIC',
      flagMetadata: { type: 'release' },
    });
    const r = evaluate(compiled, 'default-strategy', {});
    expect(r.reason).toBe('STATIC');
    expect(r.flagMetadata).toEqual({ impressionData: true });
  });

  it('TARGETING_MATCH for constraints, segments, user lists, IPs, host names', () => {
    expect(evaluate(compiled, 'constrained', { environment: 'prod' }).reason).toBe('TARGETING_MATCH');
    expect(evaluate(compiled, 'segmented', { properties: { plan: 'beta' } }).reason).toBe('TARGETING_MATCH');
    expect(evaluate(compiled, 'users', { userId: 'alice' }).reason).toBe('TARGETING_MATCH');
    expect(evaluate(compiled, 'ips', { remoteAddress: '10.1.2.3' }).reason).toBe('TARGETING_MATCH');
    expect(evaluate(compiled, 'hosts', {}).reason).toBe('TARGETING_MATCH');
  });

  it('DEFAULT when no strategy matches', () => {
    const r = evaluate(compiled, 'constrained', { environment: 'dev' });
    expect(r).toEqual({ enabled: false, variant: DISABLED_VARIANT, reason: 'DEFAULT' });
    expect(evaluate(compiled, 'segmented', { properties: { plan: 'free' } }).reason).toBe('DEFAULT');
  });

  it('SPLIT when a percentage decides', () => {
    const results = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const r = evaluate(compiled, 'rollout', { userId: `u${i}`, appName: 'web' });
      results.add(`${r.enabled}:${r.reason}`);
    }
    expect(results).toEqual(new Set(['true:SPLIT', 'false:DEFAULT']));
    expect(evaluate(compiled, 'rollout', { userId: 'u1', appName: 'ios' }).reason).toBe('DEFAULT');
  });

  it('SPLIT when a weighted variant split decides, TARGETING_MATCH for an override', () => {
    const r = evaluate(compiled, 'with-variants', { userId: 'someone' });
    expect(r.reason).toBe('SPLIT');
    expect(['a', 'b']).toContain(r.variant.name);
    const vip = evaluate(compiled, 'with-variants', { userId: 'vip' });
    expect(vip.reason).toBe('TARGETING_MATCH');
    expect(vip.variant).toEqual({ name: 'b', enabled: true, featureEnabled: true });
    // a single variant is not a split
    const single = evaluate(compiled, 'single-variant', {});
    expect(single.reason).toBe('STATIC');
    expect(single.variant).toEqual({
      name: 'only',
      enabled: true,
      payload: { type: 'json', value: '{"x":1}' },
      featureEnabled: true,
    });
  });

  it('INVALID_CONTEXT for a non-object context; null/undefined mean empty', () => {
    expect(evaluate(compiled, 'static-on', 'user-1' as never).errorCode).toBe('INVALID_CONTEXT');
    expect(evaluate(compiled, 'static-on', undefined).enabled).toBe(true);
    expect(evaluate(compiled, 'static-on', null).enabled).toBe(true);
    expect(isEnabled(compiled, 'static-on', 5 as never)).toBe(false);
  });
});

describe('strategies', () => {
  it('strategy variants take precedence over flag variants', () => {
    expect(getVariant(compiled, 'strategy-variants', { environment: 'dev' }).name).toBe('from-strategy');
    expect(getVariant(compiled, 'strategy-variants', { environment: 'prod' }).name).toBe('from-flag');
  });

  it('userWithId trims the list', () => {
    expect(isEnabled(compiled, 'users', { userId: 'bob' })).toBe(true);
    expect(isEnabled(compiled, 'users', { userId: ' bob' })).toBe(false);
    expect(isEnabled(compiled, 'users', {})).toBe(false);
  });

  it('remoteAddress: IPv4/IPv6 addresses and CIDR ranges, v4-mapped v6', () => {
    const on = (remoteAddress: string) => isEnabled(compiled, 'ips', { remoteAddress });
    expect(on('10.255.0.1')).toBe(true);
    expect(on('11.0.0.1')).toBe(false);
    expect(on('192.168.1.7')).toBe(true);
    expect(on('192.168.1.8')).toBe(false);
    expect(on('::ffff:10.0.0.9')).toBe(true);
    expect(on('2001:db8:1234::1')).toBe(true);
    expect(on('2001:db9::1')).toBe(false);
    expect(on('::1')).toBe(true);
    expect(on('0:0:0:0:0:0:0:1')).toBe(true);
    expect(on('not-an-ip')).toBe(false);
    expect(isEnabled(compiled, 'ips', {})).toBe(false);
  });

  it('applicationHostname uses the hostname option (case-insensitive), else the compile-time one', () => {
    expect(isEnabled(compiled, 'hosts', {})).toBe(true);
    expect(isEnabled(compiled, 'hosts', {}, { hostname: 'WORKER-2' })).toBe(true);
    expect(isEnabled(compiled, 'hosts', {}, { hostname: 'db-1' })).toBe(false);
    expect(isEnabled(compileFlags(doc), 'hosts', {})).toBe(false);
  });

  it('a custom stickiness field missing from the context makes the strategy false', () => {
    expect(isEnabled(compiled, 'custom-stickiness', { userId: 'u' })).toBe(false);
    expect(isEnabled(compiled, 'custom-stickiness', { properties: { tenantId: 't1' } })).toBe(true);
    expect(isEnabled(compiled, 'custom-stickiness', { tenantId: 't1' })).toBe(true);
  });
});

describe('dependencies', () => {
  it('a child of a disabled parent is DISABLED', () => {
    const r = evaluate(compiled, 'child', {});
    expect(r.enabled).toBe(false);
    expect(r.reason).toBe('DISABLED');
  });

  it('enabled: false expects the parent off', () => {
    expect(isEnabled(compiled, 'child-of-off-expected', {})).toBe(true);
  });

  it('variants: the parent variant must be one of them', () => {
    expect(isEnabled(compiled, 'child-of-variant', { userId: 'vip' })).toBe(true);
    let on = 0;
    for (let i = 0; i < 200; i++) if (isEnabled(compiled, 'child-of-variant', { userId: `u${i}` })) on++;
    expect(on).toBeGreaterThan(50);
    expect(on).toBeLessThan(150);
  });
});

describe('evaluateAll', () => {
  it('evaluates every flag', () => {
    const all = evaluateAll(compiled, { environment: 'prod', userId: 'alice' });
    expect(Object.keys(all).sort()).toEqual([...compiled.flagNames].sort());
    expect(all['static-on']?.enabled).toBe(true);
    expect(all.off?.reason).toBe('DISABLED');
    expect(all.users?.reason).toBe('TARGETING_MATCH');
    expect(Object.getPrototypeOf(all)).toBe(null);
  });
});

describe('constraint context resolution', () => {
  const c = compileFlags({
    features: [
      {
        name: 'date',
        enabled: true,
        strategies: [
          {
            name: 'default',
            constraints: [{ contextName: 'currentTime', operator: 'DATE_AFTER', value: '2030-01-01T00:00:00Z' }],
          },
        ],
      },
      {
        name: 'version',
        enabled: true,
        strategies: [
          { name: 'default', constraints: [{ contextName: 'version', operator: 'SEMVER_GTE', value: '2.0.0-rc.1' }] },
        ],
      },
      {
        name: 'email',
        enabled: true,
        strategies: [
          {
            name: 'default',
            constraints: [
              { contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@Example.com'], caseInsensitive: true },
            ],
          },
        ],
      },
    ],
  });

  it('currentTime accepts a Date, a number or a string, and defaults to now', () => {
    expect(isEnabled(c, 'date', { currentTime: new Date('2031-01-01T00:00:00Z') })).toBe(true);
    expect(isEnabled(c, 'date', { currentTime: Date.parse('2029-01-01T00:00:00Z') })).toBe(false);
    expect(isEnabled(c, 'date', { currentTime: '2030-06-01T00:00:00+02:00' })).toBe(true);
    expect(isEnabled(c, 'date', {})).toBe(Date.now() > Date.parse('2030-01-01T00:00:00Z'));
  });

  it('semver values come from properties or top-level fields', () => {
    expect(isEnabled(c, 'version', { properties: { version: '2.0.0' } })).toBe(true);
    expect(isEnabled(c, 'version', { version: '2.0.0-rc.2' })).toBe(true);
    expect(isEnabled(c, 'version', { version: '2.0.0-beta.9' })).toBe(false);
    expect(isEnabled(c, 'version', { version: '2.0.0-beta.9' })).toBe(false); // memoised path
    expect(isEnabled(c, 'version', { version: 'garbage' })).toBe(false);
  });

  it('caseInsensitive string operators', () => {
    expect(isEnabled(c, 'email', { properties: { email: 'ME@EXAMPLE.COM' } })).toBe(true);
    expect(isEnabled(c, 'email', { properties: { email: 'me@example.org' } })).toBe(false);
  });
});
