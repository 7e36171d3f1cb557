import type { Constraint, Flag, FlagsDocument, Strategy, Variant } from './types.js';

/**
 * Shorthand strategies accepted by flags-svc. Each maps onto a standard
 * Unleash strategy, so the expanded document is readable by any Unleash SDK.
 *
 * - `all`        -> `default`
 * - `none`       -> `flexibleRollout` with rollout 0 (never true)
 * - `percentage` -> `flexibleRollout` {rollout, stickiness (default "default"), groupId (default: flag name)}
 * - `user_list`  -> `userWithId` {userIds: "a,b,c"}
 * - `group`      -> `default` with an IN constraint on the context field `groups`
 *
 * The discriminator is `name` (or `type`); the shorthand's own fields may sit at
 * the top level or inside `parameters`. `constraints`, `segments` and
 * `variants` are carried over.
 */
export type ShorthandStrategy = ShorthandCommon &
  (
    | { name: 'all' }
    | { name: 'none' }
    | { name: 'percentage'; percentage: number | string; stickiness?: string; groupId?: string }
    | { name: 'user_list'; userIds: string[] | string }
    | { name: 'group'; groups: string[] | string }
  );

interface ShorthandCommon {
  constraints?: Constraint[];
  segments?: number[];
  variants?: Variant[];
  parameters?: Record<string, unknown>;
}

export const SHORTHAND_NAMES = ['all', 'none', 'percentage', 'user_list', 'group'] as const;

export function isShorthandName(name: string): boolean {
  return (SHORTHAND_NAMES as readonly string[]).includes(name);
}

function field(s: Record<string, unknown>, key: string): unknown {
  if (s[key] !== undefined) return s[key];
  const p = s.parameters;
  return typeof p === 'object' && p !== null ? (p as Record<string, unknown>)[key] : undefined;
}

function stringList(v: unknown, what: string): string[] {
  if (typeof v === 'string') {
    return v
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  }
  if (Array.isArray(v)) {
    return v.map((x, i) => {
      if (typeof x === 'number' && Number.isFinite(x)) return String(x);
      if (typeof x !== 'string' || x.trim() === '') {
        throw new Error(`${what}[${i}] must be a non-empty string, got ${JSON.stringify(x)}`);
      }
      return x.trim();
    });
  }
  throw new Error(`${what} must be an array of strings, got ${JSON.stringify(v)}`);
}

function carry(s: Record<string, unknown>, out: Strategy): Strategy {
  if (Array.isArray(s.constraints) && s.constraints.length > 0) {
    out.constraints = [...(out.constraints ?? []), ...(s.constraints as Constraint[])];
  }
  if (Array.isArray(s.segments) && s.segments.length > 0) out.segments = s.segments as number[];
  if (Array.isArray(s.variants) && s.variants.length > 0) out.variants = s.variants as Variant[];
  return out;
}

/**
 * Maps a shorthand strategy onto a standard one; any other strategy is
 * returned unchanged. Throws an Error with a readable message for an invalid
 * shorthand (e.g. a percentage outside 0..100).
 */
export function expandShorthand(strategy: ShorthandStrategy | Strategy): Strategy {
  const s = strategy as unknown as Record<string, unknown>;
  const name = typeof s.name === 'string' ? s.name : typeof s.type === 'string' ? s.type : undefined;
  if (name === undefined || !isShorthandName(name)) return strategy as Strategy;
  switch (name) {
    case 'all':
      return carry(s, { name: 'default', parameters: {} });
    case 'none':
      return carry(s, { name: 'flexibleRollout', parameters: { rollout: '0', stickiness: 'default' } });
    case 'percentage': {
      const raw = field(s, 'percentage');
      const p = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(p) || p < 0 || p > 100) {
        throw new Error(`percentage shorthand: percentage must be a number between 0 and 100, got ${JSON.stringify(raw)}`);
      }
      const stickiness = field(s, 'stickiness');
      if (stickiness !== undefined && (typeof stickiness !== 'string' || stickiness === '')) {
        throw new Error(`percentage shorthand: stickiness must be a non-empty string, got ${JSON.stringify(stickiness)}`);
      }
      const groupId = field(s, 'groupId');
      if (groupId !== undefined && typeof groupId !== 'string') {
        throw new Error(`percentage shorthand: groupId must be a string, got ${JSON.stringify(groupId)}`);
      }
      const parameters: Record<string, string> = {
        rollout: String(p),
        stickiness: (stickiness as string | undefined) ?? 'default',
      };
      if (groupId) parameters.groupId = groupId;
      return carry(s, { name: 'flexibleRollout', parameters });
    }
    case 'user_list': {
      const ids = stringList(field(s, 'userIds'), 'user_list shorthand: userIds');
      return carry(s, { name: 'userWithId', parameters: { userIds: ids.join(',') } });
    }
    default: {
      const groups = stringList(field(s, 'groups'), 'group shorthand: groups');
      return carry(s, {
        name: 'default',
        parameters: {},
        constraints: [{ contextName: 'groups', operator: 'IN', values: groups, inverted: false, caseInsensitive: false }],
      });
    }
  }
}

/** Returns a copy of the document with every shorthand strategy expanded. */
export function expandShorthands(doc: FlagsDocument): FlagsDocument {
  return {
    ...doc,
    features: doc.features.map(
      (f: Flag): Flag => ({
        ...f,
        strategies: Array.isArray(f.strategies) ? f.strategies.map((s) => expandShorthand(s)) : f.strategies,
      }),
    ),
  };
}
