import { describe, expect, it } from 'vitest';
import { compileFlags, FlagValidationError, isEnabled, validateFlags } from '../src/index.js';

const flagWith = (strategy: unknown, extra: Record<string, unknown> = {}) => ({
  features: [{ name: 'f', enabled: true, strategies: [strategy], ...extra }],
});

function rejection(doc: unknown): FlagValidationError {
  try {
    compileFlags(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(FlagValidationError);
    return err as FlagValidationError;
  }
  throw new Error('expected compileFlags to throw');
}

describe('validateFlags / compileFlags rejection', () => {
  it('accepts a valid document', () => {
    const doc = flagWith({
      name: 'flexibleRollout',
      parameters: { rollout: '50', stickiness: 'userId', groupId: 'g' },
      constraints: [{ contextName: 'appName', operator: 'IN', values: ['web'] }],
    });
    expect(validateFlags(doc)).toEqual({ valid: true, errors: [], warnings: [] });
    expect(() => compileFlags(doc)).not.toThrow();
  });

  it('rejects an unknown operator with a message naming it and the supported ones', () => {
    const doc = flagWith({
      name: 'default',
      constraints: [{ contextName: 'userId', operator: 'LIKE', values: ['a'] }],
    });
    const err = rejection(doc);
    expect(err.message).toContain('unknown operator "LIKE"');
    expect(err.message).toContain('features["f"].strategies[0].constraints[0].operator');
    expect(err.message).toContain('STR_CONTAINS');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.severity).toBe('error');
    const v = validateFlags(doc);
    expect(v.valid).toBe(false);
    expect(v.errors[0]?.message).toMatch(/unknown operator "LIKE"/);
  });

  it.each(['-1', '101', '150', 'abc', ''])('rejects rollout %j outside 0..100', (rollout) => {
    const err = rejection(flagWith({ name: 'flexibleRollout', parameters: { rollout } }));
    expect(err.message).toMatch(/rollout must be a number between 0 and 100/);
    expect(err.message).toContain('features["f"].strategies[0].parameters.rollout');
  });

  it('rejects a missing rollout and a bad gradual percentage', () => {
    expect(rejection(flagWith({ name: 'flexibleRollout', parameters: {} })).message).toMatch(/rollout is required/);
    expect(rejection(flagWith({ name: 'gradualRolloutUserId', parameters: { percentage: '200' } })).message).toMatch(
      /percentage must be a number between 0 and 100/,
    );
  });

  it('rejects invalid operator values', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ contextName: 'n', operator: 'NUM_GT', value: 'ten' }, /NUM_GT needs a number/],
      [{ contextName: 'n', operator: 'NUM_GT' }, /needs a "value"/],
      [{ contextName: 'currentTime', operator: 'DATE_AFTER', value: 'tomorrow' }, /ISO-8601 date/],
      [{ contextName: 'v', operator: 'SEMVER_EQ', value: 'v1.2.3' }, /semantic version/],
      [{ contextName: 'u', operator: 'REGEX', value: '(a' }, /invalid regular expression/],
      [{ contextName: 'u', operator: 'REGEX', value: '^(?=a)b$' }, /look-around/],
      [{ contextName: 'u', operator: 'REGEX', value: '(a)\\1' }, /backreferences/],
      [{ contextName: 'remoteAddress', operator: 'IN_CIDR', values: ['10.0.0.0/33'] }, /invalid IP address or CIDR/],
    ];
    for (const [constraint, message] of cases) {
      expect(rejection(flagWith({ name: 'default', constraints: [constraint] })).message).toMatch(message);
    }
  });

  it('rejects malformed structure in every mode', () => {
    const docs: Array<[unknown, RegExp]> = [
      [null, /flags document must be an object/],
      [{}, /features: must be an array/],
      [{ features: [{ enabled: true, strategies: [] }] }, /features\[0\]\.name: must be a non-empty string/],
      [{ features: [{ name: 'f', enabled: 'yes', strategies: [] }] }, /enabled: must be a boolean/],
      [{ features: [{ name: 'f', enabled: true, strategies: {} }] }, /strategies: must be an array/],
      [flagWith({ name: 'default', constraints: [{ operator: 'IN' }] }), /contextName: must be a non-empty string/],
      [flagWith({ name: 'default', constraints: 'x' }), /constraints: must be an array/],
      [flagWith({ name: 'default' }, { variants: [{ name: 'v', weight: 'heavy' }] }), /weight: must be a number/],
      [flagWith({ name: 'default', parameters: { a: {} } }), /parameters\.a: must be a string/],
      [{ features: [], segments: [{ id: 'one', constraints: [] }] }, /segments\[0\]\.id: must be an integer/],
    ];
    for (const [doc, message] of docs) {
      expect(() => compileFlags(doc, { lenient: true })).toThrow(message);
      expect(validateFlags(doc).errors.some((e) => e.severity === 'fatal')).toBe(true);
    }
  });

  it('rejects dangling references: unknown segment, unknown parent, transitive dependencies', () => {
    expect(rejection(flagWith({ name: 'default', segments: [7] })).message).toMatch(/unknown segment id 7/);
    expect(
      rejection({ features: [{ name: 'c', enabled: true, strategies: [], dependencies: [{ feature: 'p' }] }] }).message,
    ).toMatch(/unknown parent flag "p"/);
    const chain = {
      features: [
        { name: 'a', enabled: true, strategies: [] },
        { name: 'b', enabled: true, strategies: [], dependencies: [{ feature: 'a' }] },
        { name: 'c', enabled: true, strategies: [], dependencies: [{ feature: 'b' }] },
      ],
    };
    expect(rejection(chain).message).toMatch(/transitive dependencies are not supported/);
    expect(
      rejection({ features: [{ name: 'a', enabled: true, strategies: [], dependencies: [{ feature: 'a' }] }] }).message,
    ).toMatch(/cannot depend on itself/);
  });

  it('rejects duplicate flag names', () => {
    const doc = {
      features: [
        { name: 'f', enabled: true, strategies: [] },
        { name: 'f', enabled: false, strategies: [] },
      ],
    };
    expect(rejection(doc).message).toMatch(/duplicate flag name "f"/);
  });

  it('reports every problem, not just the first', () => {
    const doc = {
      features: [
        { name: 'a', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '300' } }] },
        { name: 'b', enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'x', operator: 'Y' }] }] },
      ],
    };
    const v = validateFlags(doc);
    expect(v.errors).toHaveLength(2);
    expect(rejection(doc).message).toMatch(/2 problems/);
  });

  it('accepts unknown strategies with a warning; they evaluate to false', () => {
    const doc = {
      features: [{ name: 'f', enabled: true, strategies: [{ name: 'myCustomStrategy', parameters: {} }] }],
    };
    const v = validateFlags(doc);
    expect(v.valid).toBe(true);
    expect(v.warnings[0]?.message).toMatch(/unknown strategy "myCustomStrategy" evaluates to false/);
    const compiled = compileFlags(doc);
    expect(compiled.issues).toHaveLength(1);
    expect(isEnabled(compiled, 'f', {})).toBe(false);
  });

  it('lenient mode compiles invalid rules as never-matching (Unleash behaviour)', () => {
    const doc = {
      features: [
        {
          name: 'bad-op',
          enabled: true,
          strategies: [{ name: 'default', constraints: [{ contextName: 'x', operator: 'NOPE', inverted: true }] }],
        },
        { name: 'bad-rollout', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: 'x' } }] },
        { name: 'ok', enabled: true, strategies: [{ name: 'default' }] },
      ],
    };
    const compiled = compileFlags(doc, { lenient: true });
    expect(compiled.issues.filter((i) => i.severity === 'error')).toHaveLength(2);
    expect(isEnabled(compiled, 'bad-op', { properties: { x: '1' } })).toBe(false);
    expect(isEnabled(compiled, 'bad-rollout', { userId: '1' })).toBe(false);
    expect(isEnabled(compiled, 'ok', {})).toBe(true);
  });

  it('rejects an invalid shorthand inside a document', () => {
    expect(rejection(flagWith({ name: 'percentage', percentage: 120 })).message).toMatch(
      /percentage shorthand: percentage must be a number between 0 and 100/,
    );
  });
});
