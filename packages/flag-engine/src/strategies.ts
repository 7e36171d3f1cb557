import { type Cidr, ipInAny, parseCidr } from './ip.js';
import { describe, type IssueCollector, isRecord } from './issues.js';
import { type Murmur3State, murmur3Continue, murmur3Prefix } from './murmur3.js';
import { type CompiledConstraint, checkAll, compileConstraint } from './operators.js';
import { expandShorthand, isShorthandName } from './shorthand.js';
import {
  compileStickiness,
  nonEmpty,
  randomPercent,
  rolloutStickinessValue,
  ST_DEFAULT,
  ST_RANDOM,
  type Stickiness,
} from './stickiness.js';
import type { Context, EvaluationReason } from './types.js';
import { type CompiledVariants, compileVariants } from './variants.js';

/** Strategy names this engine implements (others evaluate to false). */
export const BUILT_IN_STRATEGIES = [
  'default',
  'userWithId',
  'flexibleRollout',
  'remoteAddress',
  'applicationHostname',
  'gradualRolloutUserId',
  'gradualRolloutSessionId',
  'gradualRolloutRandom',
] as const;

const K_NEVER = 0;
const K_DEFAULT = 1;
const K_USER_WITH_ID = 2;
const K_FLEXIBLE = 3;
const K_REMOTE_ADDRESS = 4;
const K_HOSTNAME = 5;
const K_GRADUAL_USER = 6;
const K_GRADUAL_SESSION = 7;
const K_GRADUAL_RANDOM = 8;

const KINDS: Record<string, number> = {
  default: K_DEFAULT,
  userWithId: K_USER_WITH_ID,
  flexibleRollout: K_FLEXIBLE,
  remoteAddress: K_REMOTE_ADDRESS,
  applicationHostname: K_HOSTNAME,
  gradualRolloutUserId: K_GRADUAL_USER,
  gradualRolloutSessionId: K_GRADUAL_SESSION,
  gradualRolloutRandom: K_GRADUAL_RANDOM,
};

export interface CompiledStrategy {
  readonly kind: number;
  readonly name: string;
  /** segment constraints first, then the strategy's own */
  readonly constraints: readonly CompiledConstraint[];
  /** percentage for rollouts (NaN when invalid: never matches) */
  readonly rollout: number;
  readonly stickiness: Stickiness;
  /** hash state after "<groupId>:" (seed 0) */
  readonly prefix: Murmur3State;
  /** userIds / exact IPs / lower-cased host names */
  readonly set: ReadonlySet<string> | null;
  readonly cidrs: readonly Cidr[] | null;
  readonly variants: CompiledVariants | null;
  /** reason when this strategy decides the result (before variants) */
  readonly reason: EvaluationReason;
}

const EMPTY_PREFIX = murmur3Prefix('');

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const PERCENT_RE = /^\s*\d+(\.\d+)?\s*$/;

function readPercent(
  params: Record<string, string>,
  key: string,
  path: string,
  issues: IssueCollector,
): number {
  const raw = params[key];
  if (raw === undefined) {
    issues.error(`${path}.parameters.${key}`, `${key} is required (a number between 0 and 100)`);
    return Number.NaN;
  }
  const n = PERCENT_RE.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(n) || n < 0 || n > 100) {
    issues.error(`${path}.parameters.${key}`, `${key} must be a number between 0 and 100, got ${JSON.stringify(raw)}`);
    // Unleash compares Number(value) as is; keep that for lenient mode
    const loose = raw.trim() === '' ? Number.NaN : Number(raw);
    return loose;
  }
  return n;
}

function readParameters(raw: unknown, path: string, issues: IssueCollector): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    issues.fatal(path, `must be an object of strings, got ${describe(raw)}`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
    else if (typeof v === 'boolean') out[k] = String(v);
    else if (v === null || v === undefined) continue;
    else {
      issues.fatal(`${path}.${k}`, `must be a string, got ${describe(v)}`);
      return undefined;
    }
  }
  return out;
}

export const NEVER_STRATEGY: CompiledStrategy = {
  kind: K_NEVER,
  name: 'never',
  constraints: [],
  rollout: 0,
  stickiness: compileStickiness('default'),
  prefix: EMPTY_PREFIX,
  set: null,
  cidrs: null,
  variants: null,
  reason: 'DEFAULT',
};

export interface StrategyCompileEnv {
  featureName: string;
  segments: ReadonlyMap<number, readonly CompiledConstraint[]>;
  issues: IssueCollector;
}

/** Validates and precompiles one strategy (shorthands are expanded first). */
export function compileStrategy(input: unknown, path: string, env: StrategyCompileEnv): CompiledStrategy {
  const { issues } = env;
  if (!isRecord(input)) {
    issues.fatal(path, `strategy must be an object, got ${describe(input)}`);
    return NEVER_STRATEGY;
  }
  let raw: Record<string, unknown> = input;
  if (typeof raw.name === 'string' && isShorthandName(raw.name)) {
    try {
      raw = expandShorthand(raw as never) as unknown as Record<string, unknown>;
    } catch (err) {
      issues.error(path, (err as Error).message);
      return NEVER_STRATEGY;
    }
  }
  const name = raw.name;
  if (typeof name !== 'string' || name === '') {
    issues.fatal(`${path}.name`, `must be a non-empty string, got ${describe(name)}`);
    return NEVER_STRATEGY;
  }
  const params = readParameters(raw.parameters, `${path}.parameters`, issues);
  if (params === undefined) return NEVER_STRATEGY;

  // constraints: segments first (Unleash prepends them), then the strategy's own
  const constraints: CompiledConstraint[] = [];
  let broken = false;
  if (raw.segments !== undefined && raw.segments !== null) {
    if (!Array.isArray(raw.segments)) {
      issues.fatal(`${path}.segments`, `must be an array of segment ids, got ${describe(raw.segments)}`);
      return NEVER_STRATEGY;
    }
    for (let i = 0; i < raw.segments.length; i++) {
      const id: unknown = raw.segments[i];
      if (typeof id !== 'number' || !Number.isInteger(id)) {
        issues.fatal(`${path}.segments[${i}]`, `must be an integer segment id, got ${describe(id)}`);
        return NEVER_STRATEGY;
      }
      const seg = env.segments.get(id);
      if (seg === undefined) {
        issues.error(`${path}.segments[${i}]`, `unknown segment id ${id}`);
        broken = true;
      } else {
        constraints.push(...seg);
      }
    }
  }
  if (raw.constraints !== undefined && raw.constraints !== null) {
    if (!Array.isArray(raw.constraints)) {
      issues.fatal(`${path}.constraints`, `must be an array, got ${describe(raw.constraints)}`);
      return NEVER_STRATEGY;
    }
    for (let i = 0; i < raw.constraints.length; i++) {
      constraints.push(compileConstraint(raw.constraints[i], `${path}.constraints[${i}]`, issues));
    }
  }

  const kind = KINDS[name];
  let rollout = 100;
  let stickiness = compileStickiness('default');
  let prefix = EMPTY_PREFIX;
  let set: Set<string> | null = null;
  let cidrs: Cidr[] | null = null;
  let targeted = constraints.length > 0;
  let split = false;
  switch (kind) {
    case undefined:
      issues.warn(
        `${path}.name`,
        `unknown strategy ${JSON.stringify(name)} evaluates to false (built in: ${BUILT_IN_STRATEGIES.join(', ')})`,
      );
      broken = true;
      break;
    case K_DEFAULT:
      break;
    case K_USER_WITH_ID: {
      const ids = params.userIds;
      if (ids === undefined) issues.error(`${path}.parameters.userIds`, 'userIds is required (comma-separated)');
      set = new Set(splitList(ids ?? ''));
      targeted = true;
      break;
    }
    case K_FLEXIBLE: {
      rollout = readPercent(params, 'rollout', path, issues);
      const st = params.stickiness ?? 'default';
      stickiness = compileStickiness(st);
      const groupId = params.groupId || env.featureName;
      prefix = murmur3Prefix(`${groupId}:`);
      split = !(rollout >= 100) || stickiness.code === ST_RANDOM;
      break;
    }
    case K_GRADUAL_USER:
    case K_GRADUAL_SESSION: {
      rollout = readPercent(params, 'percentage', path, issues);
      stickiness = compileStickiness(kind === K_GRADUAL_USER ? 'userId' : 'sessionId');
      prefix = murmur3Prefix(`${params.groupId ?? ''}:`);
      split = !(rollout >= 100);
      break;
    }
    case K_GRADUAL_RANDOM:
      rollout = readPercent(params, 'percentage', path, issues);
      stickiness = compileStickiness('random');
      split = true;
      break;
    case K_REMOTE_ADDRESS: {
      const ips = params.IPs;
      if (ips === undefined) issues.error(`${path}.parameters.IPs`, 'IPs is required (comma-separated IPs or CIDR ranges)');
      set = new Set();
      cidrs = [];
      for (const entry of splitList(ips ?? '')) {
        set.add(entry);
        const c = parseCidr(entry);
        if (c === undefined) issues.error(`${path}.parameters.IPs`, `invalid IP address or CIDR range ${JSON.stringify(entry)}`);
        else cidrs.push(c);
      }
      targeted = true;
      break;
    }
    case K_HOSTNAME: {
      const hosts = params.hostNames;
      if (hosts === undefined) issues.error(`${path}.parameters.hostNames`, 'hostNames is required (comma-separated)');
      set = new Set(splitList((hosts ?? '').toLowerCase()));
      targeted = true;
      break;
    }
  }

  const variantGroup = params.groupId || env.featureName;
  const variants = compileVariants(
    raw.variants,
    `${path}.variants`,
    variantGroup,
    params.stickiness ?? 'default',
    issues,
  );

  if (broken) return NEVER_STRATEGY;
  return {
    kind: kind as number,
    name,
    constraints,
    rollout,
    stickiness,
    prefix,
    set,
    cidrs,
    variants,
    reason: split ? 'SPLIT' : targeted ? 'TARGETING_MATCH' : 'STATIC',
  };
}

/** Whether a strategy (constraints included) is true for a context. */
export function strategyMatches(s: CompiledStrategy, ctx: Context, hostname: string | undefined): boolean {
  if (s.constraints.length > 0 && !checkAll(s.constraints, ctx)) return false;
  switch (s.kind) {
    case K_DEFAULT:
      return true;
    case K_FLEXIBLE: {
      const r = s.rollout;
      if (!(r > 0)) return false;
      const st = s.stickiness;
      const id = rolloutStickinessValue(st, ctx);
      if (id === undefined) {
        if (st.code === ST_DEFAULT || st.code === ST_RANDOM) return randomPercent() <= r;
        return false;
      }
      if (r >= 100) return true;
      return (murmur3Continue(s.prefix, id) % 100) + 1 <= r;
    }
    case K_USER_WITH_ID: {
      const id = nonEmpty(ctx.userId);
      return id !== undefined && (s.set as ReadonlySet<string>).has(id);
    }
    case K_GRADUAL_USER:
    case K_GRADUAL_SESSION: {
      const r = s.rollout;
      if (!(r > 0)) return false;
      const id = rolloutStickinessValue(s.stickiness, ctx);
      if (id === undefined) return false;
      return (murmur3Continue(s.prefix, id) % 100) + 1 <= r;
    }
    case K_GRADUAL_RANDOM:
      return s.rollout >= randomPercent();
    case K_REMOTE_ADDRESS: {
      const addr = nonEmpty(ctx.remoteAddress);
      if (addr === undefined) return false;
      return (s.set as ReadonlySet<string>).has(addr) || ipInAny(s.cidrs as readonly Cidr[], addr);
    }
    case K_HOSTNAME:
      return hostname !== undefined && (s.set as ReadonlySet<string>).has(hostname.toLowerCase());
    default:
      return false;
  }
}

