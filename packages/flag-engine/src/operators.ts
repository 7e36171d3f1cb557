import { type Field, fieldKind, resolveList, resolveString, resolveTime } from './context-fields.js';
import { type Cidr, ipInAny, parseCidr } from './ip.js';
import { describe, type IssueCollector, isRecord } from './issues.js';
import { compileRe2, RegexTranslationError } from './regex.js';
import { compareSemver, parseSemver, type SemVer } from './semver.js';
import type { Context } from './types.js';

/** Unleash's constraint operators, plus the newer ones its client specification tests. */
export const OPERATORS = [
  'IN',
  'NOT_IN',
  'STR_STARTS_WITH',
  'STR_ENDS_WITH',
  'STR_CONTAINS',
  'NUM_EQ',
  'NUM_GT',
  'NUM_GTE',
  'NUM_LT',
  'NUM_LTE',
  'DATE_AFTER',
  'DATE_BEFORE',
  'SEMVER_EQ',
  'SEMVER_GT',
  'SEMVER_GTE',
  'SEMVER_LT',
  'SEMVER_LTE',
  'REGEX',
  'IN_CIDR',
] as const;

export type Operator = (typeof OPERATORS)[number];

const OP_NEVER = 0;
const OP_IN = 1;
const OP_NOT_IN = 2;
const OP_STARTS = 3;
const OP_ENDS = 4;
const OP_CONTAINS = 5;
const OP_NUM_EQ = 6;
const OP_NUM_GT = 7;
const OP_NUM_GTE = 8;
const OP_NUM_LT = 9;
const OP_NUM_LTE = 10;
const OP_DATE_AFTER = 11;
const OP_DATE_BEFORE = 12;
const OP_SEMVER_EQ = 13;
const OP_SEMVER_GT = 14;
const OP_SEMVER_GTE = 15;
const OP_SEMVER_LT = 16;
const OP_SEMVER_LTE = 17;
const OP_REGEX = 18;
const OP_IN_CIDR = 19;

const OP_CODES: Record<Operator, number> = {
  IN: OP_IN,
  NOT_IN: OP_NOT_IN,
  STR_STARTS_WITH: OP_STARTS,
  STR_ENDS_WITH: OP_ENDS,
  STR_CONTAINS: OP_CONTAINS,
  NUM_EQ: OP_NUM_EQ,
  NUM_GT: OP_NUM_GT,
  NUM_GTE: OP_NUM_GTE,
  NUM_LT: OP_NUM_LT,
  NUM_LTE: OP_NUM_LTE,
  DATE_AFTER: OP_DATE_AFTER,
  DATE_BEFORE: OP_DATE_BEFORE,
  SEMVER_EQ: OP_SEMVER_EQ,
  SEMVER_GT: OP_SEMVER_GT,
  SEMVER_GTE: OP_SEMVER_GTE,
  SEMVER_LT: OP_SEMVER_LT,
  SEMVER_LTE: OP_SEMVER_LTE,
  REGEX: OP_REGEX,
  IN_CIDR: OP_IN_CIDR,
};

/** One precompiled constraint. All fields are always present so every instance has one shape. */
export interface CompiledConstraint {
  readonly op: number;
  readonly kind: Field;
  readonly name: string;
  readonly inverted: boolean;
  readonly ci: boolean;
  readonly set: ReadonlySet<string> | null;
  readonly list: readonly string[] | null;
  readonly num: number;
  readonly semver: SemVer | null;
  readonly regex: RegExp | null;
  readonly cidrs: readonly Cidr[] | null;
  /** one-entry memo for SEMVER_* (context value -> result) */
  memoKey: string | undefined;
  memoVal: boolean;
}

function make(
  op: number,
  contextName: string,
  inverted: boolean,
  ci: boolean,
  extra: Partial<Pick<CompiledConstraint, 'set' | 'list' | 'num' | 'semver' | 'regex' | 'cidrs'>> = {},
): CompiledConstraint {
  return {
    op,
    kind: fieldKind(contextName),
    name: contextName,
    inverted,
    ci,
    set: extra.set ?? null,
    list: extra.list ?? null,
    num: extra.num ?? Number.NaN,
    semver: extra.semver ?? null,
    regex: extra.regex ?? null,
    cidrs: extra.cidrs ?? null,
    memoKey: undefined,
    memoVal: false,
  };
}

/** A constraint that never matches, whatever `inverted` says (used for invalid rules). */
export const NEVER_CONSTRAINT: CompiledConstraint = make(OP_NEVER, '', false, false);

const NUMBER_RE = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function readValues(raw: Record<string, unknown>, path: string, issues: IssueCollector): string[] | undefined {
  const values = raw.values;
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) {
    issues.fatal(`${path}.values`, `must be an array of strings, got ${describe(values)}`);
    return undefined;
  }
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
    else {
      issues.fatal(`${path}.values[${i}]`, `must be a string, got ${describe(v)}`);
      return undefined;
    }
  }
  return out;
}

/** Unleash's cleanValues: drop empty entries, trim the rest. */
function clean(values: string[]): string[] {
  return values.filter((v) => v !== '').map((v) => v.trim());
}

function readValue(raw: Record<string, unknown>, path: string, issues: IssueCollector): string | undefined {
  const v = raw.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (v === undefined || v === null) {
    issues.error(`${path}.value`, `operator ${String(raw.operator)} needs a "value"`);
    return undefined;
  }
  issues.fatal(`${path}.value`, `must be a string, got ${describe(v)}`);
  return undefined;
}

/**
 * Validates and precompiles one constraint. Invalid rules are reported to
 * `issues` and compile to {@link NEVER_CONSTRAINT}.
 */
export function compileConstraint(raw: unknown, path: string, issues: IssueCollector): CompiledConstraint {
  if (!isRecord(raw)) {
    issues.fatal(path, `constraint must be an object, got ${describe(raw)}`);
    return NEVER_CONSTRAINT;
  }
  const { contextName, operator } = raw;
  if (typeof contextName !== 'string' || contextName === '') {
    issues.fatal(`${path}.contextName`, `must be a non-empty string, got ${describe(contextName)}`);
    return NEVER_CONSTRAINT;
  }
  if (typeof operator !== 'string') {
    issues.fatal(`${path}.operator`, `must be a string, got ${describe(operator)}`);
    return NEVER_CONSTRAINT;
  }
  for (const flag of ['inverted', 'caseInsensitive'] as const) {
    const v = raw[flag];
    if (v !== undefined && v !== null && typeof v !== 'boolean') {
      issues.fatal(`${path}.${flag}`, `must be a boolean, got ${describe(v)}`);
      return NEVER_CONSTRAINT;
    }
  }
  const inverted = raw.inverted === true;
  const ci = raw.caseInsensitive === true;
  const op = (OP_CODES as Record<string, number | undefined>)[operator];
  if (op === undefined) {
    issues.error(
      `${path}.operator`,
      `unknown operator ${JSON.stringify(operator)} (supported: ${OPERATORS.join(', ')})`,
    );
    return NEVER_CONSTRAINT;
  }
  switch (op) {
    case OP_IN:
    case OP_NOT_IN: {
      const values = readValues(raw, path, issues);
      if (values === undefined) return NEVER_CONSTRAINT;
      return make(op, contextName, inverted, ci, { set: new Set(clean(values)) });
    }
    case OP_STARTS:
    case OP_ENDS:
    case OP_CONTAINS: {
      const values = readValues(raw, path, issues);
      if (values === undefined) return NEVER_CONSTRAINT;
      const list = clean(values).map((v) => (ci ? v.toLowerCase() : v));
      return make(op, contextName, inverted, ci, { list });
    }
    case OP_NUM_EQ:
    case OP_NUM_GT:
    case OP_NUM_GTE:
    case OP_NUM_LT:
    case OP_NUM_LTE: {
      const value = readValue(raw, path, issues);
      if (value === undefined) return NEVER_CONSTRAINT;
      if (!NUMBER_RE.test(value)) {
        issues.error(`${path}.value`, `${operator} needs a number, got ${JSON.stringify(value)}`);
        return NEVER_CONSTRAINT;
      }
      return make(op, contextName, inverted, ci, { num: Number(value) });
    }
    case OP_DATE_AFTER:
    case OP_DATE_BEFORE: {
      const value = readValue(raw, path, issues);
      if (value === undefined) return NEVER_CONSTRAINT;
      const t = Date.parse(value);
      if (Number.isNaN(t)) {
        issues.error(`${path}.value`, `${operator} needs an ISO-8601 date, got ${JSON.stringify(value)}`);
        return NEVER_CONSTRAINT;
      }
      return make(op, contextName, inverted, ci, { num: t });
    }
    case OP_SEMVER_EQ:
    case OP_SEMVER_GT:
    case OP_SEMVER_GTE:
    case OP_SEMVER_LT:
    case OP_SEMVER_LTE: {
      const value = readValue(raw, path, issues);
      if (value === undefined) return NEVER_CONSTRAINT;
      const semver = parseSemver(value);
      if (semver === undefined) {
        issues.error(`${path}.value`, `${operator} needs a semantic version (e.g. 1.2.3), got ${JSON.stringify(value)}`);
        return NEVER_CONSTRAINT;
      }
      return make(op, contextName, inverted, ci, { semver });
    }
    case OP_REGEX: {
      const value = readValue(raw, path, issues);
      if (value === undefined) return NEVER_CONSTRAINT;
      try {
        return make(op, contextName, inverted, ci, { regex: compileRe2(value, ci) });
      } catch (err) {
        const msg = err instanceof RegexTranslationError ? err.message : String(err);
        issues.error(`${path}.value`, `invalid regular expression ${JSON.stringify(value)}: ${msg}`);
        return NEVER_CONSTRAINT;
      }
    }
    case OP_IN_CIDR: {
      const values = readValues(raw, path, issues);
      if (values === undefined) return NEVER_CONSTRAINT;
      const cidrs: Cidr[] = [];
      for (const v of clean(values)) {
        const c = parseCidr(v);
        if (c === undefined) issues.error(`${path}.values`, `invalid IP address or CIDR range ${JSON.stringify(v)}`);
        else cidrs.push(c);
      }
      return make(op, contextName, inverted, ci, { cidrs });
    }
    default:
      return NEVER_CONSTRAINT;
  }
}

function isIn(c: CompiledConstraint, ctx: Context): boolean {
  const v = resolveList(ctx, c.kind, c.name);
  if (v === undefined) return false;
  const set = c.set as ReadonlySet<string>;
  if (typeof v === 'string') return set.has(v);
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (typeof e === 'string' && set.has(e)) return true;
  }
  return false;
}

function stringOp(c: CompiledConstraint, ctx: Context): boolean {
  let v = resolveString(ctx, c.kind, c.name);
  if (v === undefined) return false;
  if (c.ci) v = v.toLowerCase();
  const list = c.list as readonly string[];
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as string;
    if (c.op === OP_STARTS ? v.startsWith(s) : c.op === OP_ENDS ? v.endsWith(s) : v.includes(s)) return true;
  }
  return false;
}

function numberOp(c: CompiledConstraint, ctx: Context): boolean {
  const s = resolveString(ctx, c.kind, c.name);
  if (s === undefined) return false;
  const v = Number(s);
  if (Number.isNaN(v)) return false;
  switch (c.op) {
    case OP_NUM_EQ:
      return v === c.num;
    case OP_NUM_GT:
      return v > c.num;
    case OP_NUM_GTE:
      return v >= c.num;
    case OP_NUM_LT:
      return v < c.num;
    default:
      return v <= c.num;
  }
}

function semverOp(c: CompiledConstraint, ctx: Context): boolean {
  const s = resolveString(ctx, c.kind, c.name);
  if (s === undefined) return false;
  if (s === c.memoKey) return c.memoVal;
  const v = parseSemver(s);
  let res = false;
  if (v !== undefined) {
    const cmp = compareSemver(v, c.semver as SemVer);
    switch (c.op) {
      case OP_SEMVER_EQ:
        res = cmp === 0;
        break;
      case OP_SEMVER_GT:
        res = cmp > 0;
        break;
      case OP_SEMVER_GTE:
        res = cmp >= 0;
        break;
      case OP_SEMVER_LT:
        res = cmp < 0;
        break;
      default:
        res = cmp <= 0;
    }
  }
  c.memoKey = s;
  c.memoVal = res;
  return res;
}

/** Evaluates one constraint against a context (inversion included). */
export function checkConstraint(c: CompiledConstraint, ctx: Context): boolean {
  let r: boolean;
  switch (c.op) {
    case OP_NEVER:
      return false;
    case OP_IN:
      r = isIn(c, ctx);
      break;
    case OP_NOT_IN:
      r = !isIn(c, ctx);
      break;
    case OP_STARTS:
    case OP_ENDS:
    case OP_CONTAINS:
      r = stringOp(c, ctx);
      break;
    case OP_NUM_EQ:
    case OP_NUM_GT:
    case OP_NUM_GTE:
    case OP_NUM_LT:
    case OP_NUM_LTE:
      r = numberOp(c, ctx);
      break;
    case OP_DATE_AFTER:
    case OP_DATE_BEFORE: {
      const t = resolveTime(ctx, c.kind, c.name);
      r = c.op === OP_DATE_AFTER ? t > c.num : t < c.num;
      break;
    }
    case OP_REGEX: {
      const s = resolveString(ctx, c.kind, c.name);
      r = s !== undefined && (c.regex as RegExp).test(s);
      break;
    }
    case OP_IN_CIDR: {
      const s = resolveString(ctx, c.kind, c.name);
      r = s !== undefined && ipInAny(c.cidrs as readonly Cidr[], s);
      break;
    }
    default:
      r = semverOp(c, ctx);
  }
  return c.inverted ? !r : r;
}

export function checkAll(cs: readonly CompiledConstraint[], ctx: Context): boolean {
  for (let i = 0; i < cs.length; i++) {
    if (!checkConstraint(cs[i] as CompiledConstraint, ctx)) return false;
  }
  return true;
}

