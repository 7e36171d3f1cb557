import { describe, FlagValidationError, IssueCollector, isRecord } from './issues.js';
import { type CompiledConstraint, compileConstraint } from './operators.js';
import { type CompiledStrategy, compileStrategy } from './strategies.js';
import type { CompileOptions, FlagIssue, FlagMetadata, ValidationResult } from './types.js';
import { type CompiledVariants, compileVariants } from './variants.js';

export interface CompiledDependency {
  readonly feature: string;
  /** resolved parent; null when it is missing, depends on others itself, or is the flag itself */
  parent: CompiledFlag | null;
  readonly enabled: boolean;
  readonly variants: ReadonlySet<string> | null;
}

export interface CompiledFlag {
  readonly name: string;
  readonly enabled: boolean;
  readonly strategies: readonly CompiledStrategy[];
  readonly variants: CompiledVariants | null;
  readonly dependencies: readonly CompiledDependency[] | null;
  readonly impressionData: boolean;
  readonly metadata: FlagMetadata | undefined;
}

/** The output of {@link compileFlags}; immutable and safe to share. */
export class CompiledFlags {
  /** @internal */
  readonly byName: ReadonlyMap<string, CompiledFlag>;
  readonly flagNames: readonly string[];
  /** default host name for applicationHostname */
  readonly hostname: string | undefined;
  /** warnings, plus the errors tolerated in lenient mode */
  readonly issues: readonly FlagIssue[];

  constructor(
    byName: ReadonlyMap<string, CompiledFlag>,
    hostname: string | undefined,
    issues: readonly FlagIssue[],
  ) {
    this.byName = byName;
    this.flagNames = Object.freeze([...byName.keys()]);
    this.hostname = hostname;
    this.issues = Object.freeze([...issues]);
  }

  get size(): number {
    return this.byName.size;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }
}

function compileSegments(
  raw: unknown,
  issues: IssueCollector,
): Map<number, readonly CompiledConstraint[]> {
  const out = new Map<number, readonly CompiledConstraint[]>();
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    issues.fatal('segments', `must be an array, got ${describe(raw)}`);
    return out;
  }
  for (let i = 0; i < raw.length; i++) {
    const seg: unknown = raw[i];
    const path = `segments[${i}]`;
    if (!isRecord(seg)) {
      issues.fatal(path, `segment must be an object, got ${describe(seg)}`);
      continue;
    }
    if (typeof seg.id !== 'number' || !Number.isInteger(seg.id)) {
      issues.fatal(`${path}.id`, `must be an integer, got ${describe(seg.id)}`);
      continue;
    }
    if (out.has(seg.id)) issues.error(`${path}.id`, `duplicate segment id ${seg.id}`);
    const cs = seg.constraints ?? [];
    if (!Array.isArray(cs)) {
      issues.fatal(`${path}.constraints`, `must be an array, got ${describe(cs)}`);
      continue;
    }
    out.set(
      seg.id,
      cs.map((c, j) => compileConstraint(c, `${path}.constraints[${j}]`, issues)),
    );
  }
  return out;
}

interface PendingDependency {
  dep: CompiledDependency;
  child: string;
  path: string;
}

function compileFlag(
  raw: unknown,
  index: number,
  segments: ReadonlyMap<number, readonly CompiledConstraint[]>,
  issues: IssueCollector,
  pending: PendingDependency[],
): CompiledFlag | undefined {
  if (!isRecord(raw)) {
    issues.fatal(`features[${index}]`, `flag must be an object, got ${describe(raw)}`);
    return undefined;
  }
  const name = raw.name;
  if (typeof name !== 'string' || name === '') {
    issues.fatal(`features[${index}].name`, `must be a non-empty string, got ${describe(name)}`);
    return undefined;
  }
  const path = `features[${JSON.stringify(name)}]`;
  if (typeof raw.enabled !== 'boolean') {
    issues.fatal(`${path}.enabled`, `must be a boolean, got ${describe(raw.enabled)}`);
    return undefined;
  }
  if (raw.type !== undefined && raw.type !== null && typeof raw.type !== 'string') {
    issues.fatal(`${path}.type`, `must be a string, got ${describe(raw.type)}`);
    return undefined;
  }
  if (raw.impressionData !== undefined && raw.impressionData !== null && typeof raw.impressionData !== 'boolean') {
    issues.fatal(`${path}.impressionData`, `must be a boolean, got ${describe(raw.impressionData)}`);
    return undefined;
  }
  let rawStrategies = raw.strategies;
  if (rawStrategies === undefined || rawStrategies === null) {
    issues.error(`${path}.strategies`, 'is required (use [] for "on for everyone")');
    rawStrategies = [];
  }
  if (!Array.isArray(rawStrategies)) {
    issues.fatal(`${path}.strategies`, `must be an array, got ${describe(rawStrategies)}`);
    return undefined;
  }
  const env = { featureName: name, segments, issues };
  const strategies = rawStrategies.map((s, i) => compileStrategy(s, `${path}.strategies[${i}]`, env));
  const variants = compileVariants(raw.variants, `${path}.variants`, name, 'default', issues);

  let dependencies: CompiledDependency[] | null = null;
  if (raw.dependencies !== undefined && raw.dependencies !== null) {
    if (!Array.isArray(raw.dependencies)) {
      issues.fatal(`${path}.dependencies`, `must be an array, got ${describe(raw.dependencies)}`);
      return undefined;
    }
    if (raw.dependencies.length > 0) dependencies = [];
    for (let i = 0; i < raw.dependencies.length; i++) {
      const d: unknown = raw.dependencies[i];
      const dp = `${path}.dependencies[${i}]`;
      if (!isRecord(d) || typeof d.feature !== 'string' || d.feature === '') {
        issues.fatal(dp, 'dependency must be an object {feature: string, enabled?: boolean, variants?: string[]}');
        return undefined;
      }
      if (d.enabled !== undefined && d.enabled !== null && typeof d.enabled !== 'boolean') {
        issues.fatal(`${dp}.enabled`, `must be a boolean, got ${describe(d.enabled)}`);
        return undefined;
      }
      if (
        d.variants !== undefined &&
        d.variants !== null &&
        (!Array.isArray(d.variants) || !d.variants.every((v) => typeof v === 'string'))
      ) {
        issues.fatal(`${dp}.variants`, `must be an array of strings, got ${describe(d.variants)}`);
        return undefined;
      }
      const vs = (d.variants ?? []) as string[];
      const dep: CompiledDependency = {
        feature: d.feature,
        parent: null,
        enabled: d.enabled !== false,
        variants: vs.length > 0 ? new Set(vs) : null,
      };
      dependencies?.push(dep);
      pending.push({ dep, child: name, path: dp });
    }
  }

  const meta: Record<string, string | boolean> = {};
  if (typeof raw.type === 'string' && raw.type !== '') meta.type = raw.type;
  if (raw.impressionData === true) meta.impressionData = true;
  return {
    name,
    enabled: raw.enabled,
    strategies,
    variants,
    dependencies,
    impressionData: raw.impressionData === true,
    metadata: Object.keys(meta).length > 0 ? Object.freeze(meta) : undefined,
  };
}

function build(doc: unknown, options: CompileOptions, issues: IssueCollector): CompiledFlags {
  const byName = new Map<string, CompiledFlag>();
  if (!isRecord(doc)) {
    issues.fatal('', `flags document must be an object {features: Flag[], segments?: Segment[]}, got ${describe(doc)}`);
    return new CompiledFlags(byName, options.hostname, issues.list);
  }
  if (!Array.isArray(doc.features)) {
    issues.fatal('features', `must be an array, got ${describe(doc.features)}`);
    return new CompiledFlags(byName, options.hostname, issues.list);
  }
  const segments = compileSegments(doc.segments, issues);
  const pending: PendingDependency[] = [];
  for (let i = 0; i < doc.features.length; i++) {
    const flag = compileFlag(doc.features[i], i, segments, issues, pending);
    if (flag === undefined) continue;
    if (byName.has(flag.name)) issues.error(`features[${i}].name`, `duplicate flag name ${JSON.stringify(flag.name)}`);
    byName.set(flag.name, flag);
  }
  // link dependencies: Unleash allows one level only (a parent must not depend on others)
  for (const { dep, child, path } of pending) {
    const parent = byName.get(dep.feature);
    if (parent === undefined) {
      issues.error(`${path}.feature`, `unknown parent flag ${JSON.stringify(dep.feature)}`);
    } else if (parent.name === child) {
      issues.error(`${path}.feature`, 'a flag cannot depend on itself');
    } else if (parent.dependencies !== null) {
      issues.error(
        `${path}.feature`,
        `parent flag ${JSON.stringify(dep.feature)} has dependencies itself; transitive dependencies are not supported`,
      );
    } else {
      dep.parent = parent;
    }
  }
  return new CompiledFlags(byName, options.hostname, issues.list.filter((i) => i.severity !== 'fatal'));
}

/**
 * Checks a flags document without compiling it for use. `errors` holds fatal
 * (malformed) and rule errors; `warnings` holds accepted oddities.
 */
export function validateFlags(doc: unknown): ValidationResult {
  const issues = new IssueCollector();
  build(doc, {}, issues);
  const errors = issues.list.filter((i) => i.severity !== 'warning');
  const warnings = issues.list.filter((i) => i.severity === 'warning');
  return { valid: errors.length === 0, errors, warnings };
}

/**
 * Validates and precompiles a flags document (Unleash client features
 * format; shorthand strategies are expanded). Throws {@link FlagValidationError}
 * for a malformed document, and, unless `lenient`, for invalid rules.
 */
export function compileFlags(doc: unknown, options: CompileOptions = {}): CompiledFlags {
  const issues = new IssueCollector();
  const compiled = build(doc, options, issues);
  const rejected = issues.list.filter(
    (i) => i.severity === 'fatal' || (i.severity === 'error' && options.lenient !== true),
  );
  if (rejected.length > 0) throw new FlagValidationError(rejected);
  return compiled;
}
