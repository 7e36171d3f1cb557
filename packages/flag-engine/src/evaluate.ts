import type { CompiledDependency, CompiledFlag, CompiledFlags } from './compile.js';
import { type CompiledStrategy, strategyMatches } from './strategies.js';
import type { Context, EvaluateOptions, EvaluationReason, EvaluationResult, VariantResult } from './types.js';
import { DISABLED_VARIANT, NO_VARIANT, selectedByOverride, selectVariant } from './variants.js';

const EMPTY_CONTEXT: Context = Object.freeze({});

// Outputs of resolveFlag (evaluation is synchronous; these avoid allocating per call).
let outReason: EvaluationReason = 'DEFAULT';
let outVariant: VariantResult = DISABLED_VARIANT;

function dependenciesSatisfied(
  deps: readonly CompiledDependency[],
  ctx: Context,
  hostname: string | undefined,
): boolean {
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i] as CompiledDependency;
    const parent = d.parent;
    if (parent === null) return false;
    if (d.enabled) {
      const wantVariant = d.variants !== null;
      if (!resolveFlag(parent, ctx, hostname, wantVariant)) return false;
      if (wantVariant && !(d.variants as ReadonlySet<string>).has(outVariant.name)) return false;
    } else if (resolveFlag(parent, ctx, hostname, false)) {
      return false;
    }
  }
  return true;
}

/**
 * Core evaluation. Returns whether the flag is enabled and leaves the reason
 * and (when `wantVariant`) the variant in outReason / outVariant.
 */
function resolveFlag(flag: CompiledFlag, ctx: Context, hostname: string | undefined, wantVariant: boolean): boolean {
  if (!flag.enabled) {
    outReason = 'DISABLED';
    outVariant = DISABLED_VARIANT;
    return false;
  }
  if (flag.dependencies !== null && !dependenciesSatisfied(flag.dependencies, ctx, hostname)) {
    outReason = 'DISABLED';
    outVariant = DISABLED_VARIANT;
    return false;
  }
  const strategies = flag.strategies;
  let matched: CompiledStrategy | undefined;
  let reason: EvaluationReason = 'STATIC';
  if (strategies.length > 0) {
    for (let i = 0; i < strategies.length; i++) {
      const s = strategies[i] as CompiledStrategy;
      if (strategyMatches(s, ctx, hostname)) {
        matched = s;
        break;
      }
    }
    if (matched === undefined) {
      outReason = 'DEFAULT';
      outVariant = DISABLED_VARIANT;
      return false;
    }
    reason = matched.reason;
  }
  let variant = NO_VARIANT;
  if (wantVariant) {
    // strategy variants take precedence over flag variants
    const cv = matched !== undefined && matched.variants !== null ? matched.variants : flag.variants;
    if (cv !== null) {
      variant = selectVariant(cv, ctx);
      if (selectedByOverride) reason = 'TARGETING_MATCH';
      else if (cv.splits) reason = 'SPLIT';
    }
  }
  outReason = reason;
  outVariant = variant;
  return true;
}

function contextOf(context: Context | null | undefined): Context | undefined {
  if (context === undefined || context === null) return EMPTY_CONTEXT;
  return typeof context === 'object' ? context : undefined;
}

function notFound(name: string): EvaluationResult {
  return {
    enabled: false,
    variant: DISABLED_VARIANT,
    reason: 'ERROR',
    errorCode: 'FLAG_NOT_FOUND',
    errorMessage: `flag ${JSON.stringify(name)} not found`,
  };
}

function evaluateFlag(flag: CompiledFlag, ctx: Context, hostname: string | undefined): EvaluationResult {
  try {
    const enabled = resolveFlag(flag, ctx, hostname, true);
    const result: EvaluationResult = { enabled, variant: outVariant, reason: outReason };
    if (flag.metadata !== undefined) result.flagMetadata = flag.metadata;
    return result;
  } catch (err) {
    return {
      enabled: false,
      variant: DISABLED_VARIANT,
      reason: 'ERROR',
      errorCode: 'GENERAL',
      errorMessage: err instanceof Error ? err.message : String(err),
    };
  }
}

/**
 * Full evaluation with an OpenFeature-style reason:
 * DISABLED (flag off, or a dependency not satisfied), STATIC (no strategies,
 * or an unconditional strategy), TARGETING_MATCH (constraints/segments/user
 * list/IP/host or a variant override decided), SPLIT (a percentage or a
 * weighted variant split decided), DEFAULT (no strategy matched), ERROR with
 * errorCode FLAG_NOT_FOUND / INVALID_CONTEXT / GENERAL.
 */
export function evaluate(
  compiled: CompiledFlags,
  flagName: string,
  context?: Context | null,
  options?: EvaluateOptions,
): EvaluationResult {
  const flag = compiled.byName.get(flagName);
  if (flag === undefined) return notFound(flagName);
  const ctx = contextOf(context);
  if (ctx === undefined) {
    return {
      enabled: false,
      variant: DISABLED_VARIANT,
      reason: 'ERROR',
      errorCode: 'INVALID_CONTEXT',
      errorMessage: 'context must be an object',
    };
  }
  return evaluateFlag(flag, ctx, options?.hostname ?? compiled.hostname);
}

/** Unleash isEnabled: false for unknown flags; never throws; does not allocate. */
export function isEnabled(
  compiled: CompiledFlags,
  flagName: string,
  context?: Context | null,
  options?: EvaluateOptions,
): boolean {
  const flag = compiled.byName.get(flagName);
  if (flag === undefined) return false;
  const ctx = contextOf(context);
  if (ctx === undefined) return false;
  try {
    return resolveFlag(flag, ctx, options?.hostname ?? compiled.hostname, false);
  } catch {
    return false;
  }
}

/** Unleash getVariant: `{name: 'disabled', enabled: false, featureEnabled}` when no variant applies. */
export function getVariant(
  compiled: CompiledFlags,
  flagName: string,
  context?: Context | null,
  options?: EvaluateOptions,
): VariantResult {
  const flag = compiled.byName.get(flagName);
  if (flag === undefined) return DISABLED_VARIANT;
  const ctx = contextOf(context);
  if (ctx === undefined) return DISABLED_VARIANT;
  try {
    resolveFlag(flag, ctx, options?.hostname ?? compiled.hostname, true);
    return outVariant;
  } catch {
    return DISABLED_VARIANT;
  }
}

/** Evaluates every flag; a null-prototype object keyed by flag name. */
export function evaluateAll(
  compiled: CompiledFlags,
  context?: Context | null,
  options?: EvaluateOptions,
): Record<string, EvaluationResult> {
  const out = Object.create(null) as Record<string, EvaluationResult>;
  const ctx = contextOf(context);
  const hostname = options?.hostname ?? compiled.hostname;
  for (const [name, flag] of compiled.byName) {
    out[name] =
      ctx === undefined
        ? {
            enabled: false,
            variant: DISABLED_VARIANT,
            reason: 'ERROR',
            errorCode: 'INVALID_CONTEXT',
            errorMessage: 'context must be an object',
          }
        : evaluateFlag(flag, ctx, hostname);
  }
  return out;
}
