import { describe, expect, it } from 'vitest';
import {
  compileFlags,
  evaluate,
  expandShorthand,
  expandShorthands,
  type Flag,
  isEnabled,
  type ShorthandStrategy,
} from '../src/index.js';

describe('expandShorthand', () => {
  it('all -> default', () => {
    expect(expandShorthand({ name: 'all' })).toEqual({ name: 'default', parameters: {} });
  });

  it('none -> flexibleRollout with rollout 0', () => {
    expect(expandShorthand({ name: 'none' })).toEqual({
      name: 'flexibleRollout',
      parameters: { rollout: '0', stickiness: 'default' },
    });
  });

  it('percentage -> flexibleRollout', () => {
    expect(expandShorthand({ name: 'percentage', percentage: 25 })).toEqual({
      name: 'flexibleRollout',
      parameters: { rollout: '25', stickiness: 'default' },
    });
    expect(expandShorthand({ name: 'percentage', percentage: '10', stickiness: 'sessionId', groupId: 'g' })).toEqual({
      name: 'flexibleRollout',
      parameters: { rollout: '10', stickiness: 'sessionId', groupId: 'g' },
    });
  });

  it('user_list -> userWithId', () => {
    expect(expandShorthand({ name: 'user_list', userIds: ['u1', 'u2', ' u3 '] })).toEqual({
      name: 'userWithId',
      parameters: { userIds: 'u1,u2,u3' },
    });
  });

  it('group -> default with an IN constraint on groups', () => {
    expect(expandShorthand({ name: 'group', groups: ['beta', 'staff'] })).toEqual({
      name: 'default',
      parameters: {},
      constraints: [
        { contextName: 'groups', operator: 'IN', values: ['beta', 'staff'], inverted: false, caseInsensitive: false },
      ],
    });
  });

  it('accepts `type` as the discriminator and fields inside parameters', () => {
    const s = { type: 'percentage', parameters: { percentage: 5 } } as unknown as ShorthandStrategy;
    expect(expandShorthand(s)).toEqual({
      name: 'flexibleRollout',
      parameters: { rollout: '5', stickiness: 'default' },
    });
  });

  it('carries constraints, segments and variants over', () => {
    const out = expandShorthand({
      name: 'group',
      groups: ['beta'],
      constraints: [{ contextName: 'environment', operator: 'IN', values: ['prod'] }],
      segments: [1],
      variants: [{ name: 'v', weight: 1 }],
    });
    expect(out.constraints).toHaveLength(2);
    expect(out.segments).toEqual([1]);
    expect(out.variants).toEqual([{ name: 'v', weight: 1 }]);
  });

  it('leaves standard strategies untouched', () => {
    const s = { name: 'flexibleRollout', parameters: { rollout: '50' } };
    expect(expandShorthand(s)).toBe(s);
  });

  it('rejects invalid shorthands with a clear message', () => {
    expect(() => expandShorthand({ name: 'percentage', percentage: 101 })).toThrow(/between 0 and 100/);
    expect(() => expandShorthand({ name: 'percentage', percentage: 'x' })).toThrow(/between 0 and 100/);
    expect(() => expandShorthand({ name: 'user_list', userIds: 7 } as unknown as ShorthandStrategy)).toThrow(
      /userIds must be an array of strings/,
    );
    expect(() => expandShorthand({ name: 'group', groups: [''] })).toThrow(/groups\[0\]/);
  });
});

describe('shorthands evaluate as their expansion', () => {
  const flag = (name: string, strategy: ShorthandStrategy): Flag => ({
    name,
    enabled: true,
    strategies: [strategy as never],
  });
  const doc = {
    features: [
      flag('all', { name: 'all' }),
      flag('none', { name: 'none' }),
      flag('half', { name: 'percentage', percentage: 50, stickiness: 'userId' }),
      flag('users', { name: 'user_list', userIds: ['alice', 'bob'] }),
      flag('groups', { name: 'group', groups: ['beta', 'staff'] }),
    ],
  };
  // compileFlags expands shorthands itself; expandShorthands gives the same result
  const direct = compileFlags(doc);
  const expanded = compileFlags(expandShorthands(doc));

  for (const compiled of [direct, expanded]) {
    it('all / none', () => {
      expect(isEnabled(compiled, 'all', {})).toBe(true);
      expect(evaluate(compiled, 'all', {}).reason).toBe('STATIC');
      expect(isEnabled(compiled, 'none', { userId: 'x' })).toBe(false);
      expect(evaluate(compiled, 'none', {}).reason).toBe('DEFAULT');
    });

    it('percentage', () => {
      let on = 0;
      for (let i = 0; i < 2000; i++) if (isEnabled(compiled, 'half', { userId: `u${i}` })) on++;
      expect(on).toBeGreaterThan(900);
      expect(on).toBeLessThan(1100);
      expect(isEnabled(compiled, 'half', {})).toBe(false); // userId stickiness, no userId
      expect(evaluate(compiled, 'half', { userId: 'u1' }).reason).toMatch(/SPLIT|DEFAULT/);
    });

    it('user_list', () => {
      expect(isEnabled(compiled, 'users', { userId: 'alice' })).toBe(true);
      expect(isEnabled(compiled, 'users', { userId: 'carol' })).toBe(false);
      expect(evaluate(compiled, 'users', { userId: 'bob' }).reason).toBe('TARGETING_MATCH');
    });

    it('group: array, comma-separated string, or properties.groups', () => {
      expect(isEnabled(compiled, 'groups', { groups: ['x', 'staff'] })).toBe(true);
      expect(isEnabled(compiled, 'groups', { groups: 'x, beta' })).toBe(true);
      expect(isEnabled(compiled, 'groups', { groups: 'beta' })).toBe(true);
      expect(isEnabled(compiled, 'groups', { properties: { groups: 'a,staff' } })).toBe(true);
      expect(isEnabled(compiled, 'groups', { groups: ['x', 'y'] })).toBe(false);
      expect(isEnabled(compiled, 'groups', { groups: 'betamax' })).toBe(false);
      expect(isEnabled(compiled, 'groups', {})).toBe(false);
      expect(evaluate(compiled, 'groups', { groups: ['beta'] }).reason).toBe('TARGETING_MATCH');
    });
  }
});
