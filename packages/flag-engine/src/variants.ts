import { type Field, fieldKind, resolveString } from './context-fields.js';
import { describe, type IssueCollector, isRecord } from './issues.js';
import { type Murmur3State, murmur3Continue, murmur3Prefix, VARIANT_SEED } from './murmur3.js';
import { compileStickiness, type Stickiness, variantStickinessValue } from './stickiness.js';
import type { Context, VariantPayload, VariantResult } from './types.js';

/** Variant of a flag that is off (or missing, or whose dependencies fail). */
export const DISABLED_VARIANT: VariantResult = Object.freeze({
  name: 'disabled',
  enabled: false,
  featureEnabled: false,
});

/** Variant of an enabled flag that has no variants. */
export const NO_VARIANT: VariantResult = Object.freeze({
  name: 'disabled',
  enabled: false,
  featureEnabled: true,
});

interface CompiledOverride {
  readonly kind: Field;
  readonly name: string;
  readonly values: ReadonlySet<string>;
  readonly result: VariantResult;
}

export interface CompiledVariants {
  readonly weights: readonly number[];
  readonly results: readonly VariantResult[];
  readonly total: number;
  readonly stickiness: Stickiness;
  /** hash state after "<groupId>:" with the variant seed */
  readonly prefix: Murmur3State;
  readonly overrides: readonly CompiledOverride[] | null;
  /** more than one variant with a positive weight: the hash decides */
  readonly splits: boolean;
}

function compileOverride(
  raw: unknown,
  path: string,
  result: VariantResult,
  issues: IssueCollector,
): CompiledOverride | undefined {
  if (!isRecord(raw)) {
    issues.fatal(path, `override must be an object, got ${describe(raw)}`);
    return undefined;
  }
  if (typeof raw.contextName !== 'string' || raw.contextName === '') {
    issues.fatal(`${path}.contextName`, `must be a non-empty string, got ${describe(raw.contextName)}`);
    return undefined;
  }
  if (!Array.isArray(raw.values) || !raw.values.every((v) => typeof v === 'string')) {
    issues.fatal(`${path}.values`, `must be an array of strings, got ${describe(raw.values)}`);
    return undefined;
  }
  return {
    kind: fieldKind(raw.contextName),
    name: raw.contextName,
    values: new Set(raw.values as string[]),
    result,
  };
}

/**
 * Validates and precompiles a variant list. Returns null for an empty list or
 * one whose weights add up to 0 (Unleash then picks no variant).
 */
export function compileVariants(
  raw: unknown,
  path: string,
  groupId: string,
  defaultStickiness: string,
  issues: IssueCollector,
): CompiledVariants | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) {
    issues.fatal(path, `must be an array, got ${describe(raw)}`);
    return null;
  }
  const weights: number[] = [];
  const results: VariantResult[] = [];
  const overrides: CompiledOverride[] = [];
  let total = 0;
  let positive = 0;
  let stickiness: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const v: unknown = raw[i];
    const vp = `${path}[${i}]`;
    if (!isRecord(v)) {
      issues.fatal(vp, `variant must be an object, got ${describe(v)}`);
      continue;
    }
    if (typeof v.name !== 'string' || v.name === '') {
      issues.fatal(`${vp}.name`, `must be a non-empty string, got ${describe(v.name)}`);
      continue;
    }
    if (typeof v.weight !== 'number' || !Number.isFinite(v.weight)) {
      issues.fatal(`${vp}.weight`, `must be a number, got ${describe(v.weight)}`);
      continue;
    }
    let weight = v.weight;
    if (weight < 0) {
      issues.error(`${vp}.weight`, `must not be negative, got ${weight}`);
      weight = 0;
    }
    if (v.stickiness !== undefined && v.stickiness !== null && typeof v.stickiness !== 'string') {
      issues.fatal(`${vp}.stickiness`, `must be a string, got ${describe(v.stickiness)}`);
      continue;
    }
    if (i === 0 && typeof v.stickiness === 'string' && v.stickiness !== '') stickiness = v.stickiness;
    let payload: VariantPayload | undefined;
    if (v.payload !== undefined && v.payload !== null) {
      const p = v.payload;
      if (!isRecord(p) || typeof p.type !== 'string' || typeof p.value !== 'string') {
        issues.fatal(`${vp}.payload`, 'must be an object {type: string, value: string}');
        continue;
      }
      payload = Object.freeze({ type: p.type, value: p.value });
    }
    const result: VariantResult = Object.freeze(
      payload === undefined
        ? { name: v.name, enabled: true, featureEnabled: true }
        : { name: v.name, enabled: true, payload, featureEnabled: true },
    );
    if (v.overrides !== undefined && v.overrides !== null) {
      if (!Array.isArray(v.overrides)) {
        issues.fatal(`${vp}.overrides`, `must be an array, got ${describe(v.overrides)}`);
        continue;
      }
      for (let j = 0; j < v.overrides.length; j++) {
        const o = compileOverride(v.overrides[j], `${vp}.overrides[${j}]`, result, issues);
        if (o !== undefined) overrides.push(o);
      }
    }
    weights.push(weight);
    results.push(result);
    total += weight;
    if (weight > 0) positive++;
  }
  if (results.length === 0) return null;
  if (total <= 0) {
    issues.warn(path, 'variant weights add up to 0: no variant will be selected');
    return null;
  }
  return {
    weights,
    results,
    total,
    stickiness: compileStickiness(stickiness ?? defaultStickiness),
    prefix: murmur3Prefix(`${groupId}:`, VARIANT_SEED),
    overrides: overrides.length > 0 ? overrides : null,
    splits: positive > 1,
  };
}

/** set by {@link selectVariant}: whether the last selection came from an override */
export let selectedByOverride = false;

/** Unleash's selectVariantDefinition: overrides first, then the weighted hash. */
export function selectVariant(cv: CompiledVariants, ctx: Context): VariantResult {
  const overrides = cv.overrides;
  if (overrides !== null) {
    for (let i = 0; i < overrides.length; i++) {
      const o = overrides[i] as CompiledOverride;
      const v = resolveString(ctx, o.kind, o.name);
      if (v !== undefined && o.values.has(v)) {
        selectedByOverride = true;
        return o.result;
      }
    }
  }
  selectedByOverride = false;
  const seed = variantStickinessValue(cv.stickiness, ctx);
  const total = cv.total;
  const target =
    seed === undefined ? Math.floor(Math.random() * total) + 1 : (murmur3Continue(cv.prefix, seed) % total) + 1;
  const weights = cv.weights;
  let counter = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    counter += w;
    if (counter >= target) return cv.results[i] as VariantResult;
  }
  // only reachable with fractional weights and rounding; take the last positive one
  for (let i = weights.length - 1; i >= 0; i--) {
    if ((weights[i] as number) > 0) return cv.results[i] as VariantResult;
  }
  return NO_VARIANT;
}
