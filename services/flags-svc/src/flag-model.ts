import {
  type Constraint,
  expandShorthand,
  type Flag,
  type FlagIssue,
  type FlagsDocument,
  formatIssue,
  type Segment,
  type Strategy,
  type Variant,
  validateFlags,
} from '@trellis/flag-engine';
import { HttpProblem } from '@trellis/service-kit';
import { FLAG_NAME_PATTERN } from './schemas.js';

/**
 * The canonical stored form is Unleash's client features format with shorthands expanded and
 * defaults filled in, in a fixed key order: so "did this write change anything" is a string
 * comparison, and every Unleash SDK can read what flags-svc exports.
 */
export interface Feature {
  name: string;
  description: string | null;
  type: string;
  project: string;
  stale: boolean;
  enabled: boolean;
  strategies: Strategy[];
  variants: Variant[];
  dependencies?: { feature: string; enabled: boolean; variants?: string[] }[];
  impressionData: boolean;
}

export interface CanonicalSegment {
  id: number;
  name: string;
  description: string | null;
  constraints: Constraint[];
}

const FLAG_NAME = new RegExp(FLAG_NAME_PATTERN);
/** GET /v1/flags/export would shadow a flag of that name. */
export const RESERVED_FLAG_NAMES: ReadonlySet<string> = new Set(['import', 'export']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(code: string, detail: string, issues: { path: string; message: string }[] = []): HttpProblem {
  return new HttpProblem(422, code, detail, issues.length > 0 ? { extensions: { errors: issues } } : {});
}

function parameterText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(',');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function canonicalConstraint(raw: unknown): Constraint {
  const c = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const out: Constraint = { contextName: c.contextName as string, operator: c.operator as string };
  if (Array.isArray(c.values) || c.value === undefined || c.value === null) {
    out.values = Array.isArray(c.values) ? (c.values as unknown[]).map((v) => String(v)) : [];
  }
  if (c.value !== undefined && c.value !== null) out.value = String(c.value);
  out.caseInsensitive = c.caseInsensitive === true;
  out.inverted = c.inverted === true;
  return out;
}

function canonicalVariant(raw: unknown): Variant {
  const v = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const out: Variant = {
    name: v.name as string,
    weight: v.weight as number,
    weightType: typeof v.weightType === 'string' ? v.weightType : 'variable',
    stickiness: typeof v.stickiness === 'string' && v.stickiness !== '' ? v.stickiness : 'default',
  };
  if (isRecord(v.payload)) out.payload = { type: String(v.payload.type), value: String(v.payload.value) };
  if (Array.isArray(v.overrides) && v.overrides.length > 0) {
    out.overrides = v.overrides.filter(isRecord).map((o) => ({
      contextName: String(o.contextName),
      values: Array.isArray(o.values) ? o.values.map((x) => String(x)) : [],
    }));
  }
  return out;
}

function canonicalStrategy(raw: unknown, path: string): Strategy {
  let expanded: Strategy;
  try {
    expanded = expandShorthand(raw as Strategy);
  } catch (error) {
    throw invalid('INVALID_FLAG', `${path}: ${(error as Error).message}`, [{ path, message: (error as Error).message }]);
  }
  const s = expanded as unknown as Record<string, unknown>;
  const parameters: Record<string, string> = {};
  if (isRecord(s.parameters)) for (const [key, value] of Object.entries(s.parameters)) parameters[key] = parameterText(value);
  const out: Strategy = {
    name: s.name as string,
    parameters,
    constraints: Array.isArray(s.constraints) ? s.constraints.map(canonicalConstraint) : [],
  };
  if (Array.isArray(s.segments) && s.segments.length > 0) out.segments = s.segments as number[];
  if (Array.isArray(s.variants) && s.variants.length > 0) out.variants = s.variants.map(canonicalVariant);
  if (typeof s.title === 'string' && s.title !== '') (out as Strategy & { title?: string }).title = s.title;
  return out;
}

/**
 * Turns what a client sent (a FlagInput, or a feature of an imported Unleash document) into
 * the canonical feature. Structure problems the engine would call fatal are reported later by
 * {@link validateFeatures}; this only shapes.
 */
export function canonicalFeature(raw: Record<string, unknown>, name: string): Feature {
  // Unleash never serves disabled strategies to SDKs; they do not take part in evaluation.
  const strategies = Array.isArray(raw.strategies) ? raw.strategies.filter((s) => !(isRecord(s) && s.disabled === true)) : [];
  const feature: Feature = {
    name,
    description: typeof raw.description === 'string' ? raw.description : null,
    type: typeof raw.type === 'string' && raw.type !== '' ? raw.type : 'release',
    project: typeof raw.project === 'string' && raw.project !== '' ? raw.project : 'default',
    stale: raw.stale === true,
    enabled: raw.enabled as boolean,
    strategies: strategies.map((s, i) => canonicalStrategy(s, `features[${JSON.stringify(name)}].strategies[${i}]`)),
    variants: Array.isArray(raw.variants) ? raw.variants.map(canonicalVariant) : [],
    impressionData: raw.impressionData === true,
  };
  if (Array.isArray(raw.dependencies) && raw.dependencies.length > 0) {
    feature.dependencies = raw.dependencies.filter(isRecord).map((d) => {
      const dep: { feature: string; enabled: boolean; variants?: string[] } = {
        feature: String(d.feature),
        enabled: d.enabled !== false,
      };
      if (Array.isArray(d.variants) && d.variants.length > 0) dep.variants = d.variants.map((v) => String(v));
      return dep;
    });
  }
  return feature;
}

export function canonicalSegment(raw: Record<string, unknown>, id: number): CanonicalSegment {
  return {
    id,
    name: typeof raw.name === 'string' && raw.name !== '' ? raw.name : `segment-${id}`,
    description: typeof raw.description === 'string' ? raw.description : null,
    constraints: Array.isArray(raw.constraints) ? raw.constraints.map(canonicalConstraint) : [],
  };
}

export function featureReferences(feature: Feature): { parents: string[]; segmentIds: number[] } {
  const parents = [...new Set((feature.dependencies ?? []).map((d) => d.feature))];
  const segmentIds = [...new Set(feature.strategies.flatMap((s) => s.segments ?? []))].sort((a, b) => a - b);
  return { parents, segmentIds };
}

export function assertFlagName(name: unknown, path: string): string {
  if (typeof name !== 'string' || !FLAG_NAME.test(name) || RESERVED_FLAG_NAMES.has(name)) {
    throw invalid('INVALID_FLAG', `${path}: flag names are letters, digits and . _ ~ -, 1..100, not import or export (got ${JSON.stringify(name)})`, [
      { path, message: 'invalid flag name' },
    ]);
  }
  return name;
}

/**
 * Checks a document with the shared engine: fatal issues always reject, rule errors reject
 * unless `lenient` (then they evaluate to false, as in Unleash). Returns the warnings.
 */
export function validateFeatures(doc: FlagsDocument, options: { lenient?: boolean } = {}): FlagIssue[] {
  const result = validateFlags(doc);
  const rejected = result.errors.filter((i) => i.severity === 'fatal' || options.lenient !== true);
  if (rejected.length > 0) {
    throw invalid(
      'INVALID_FLAG',
      `The flags are not valid: ${rejected.slice(0, 5).map(formatIssue).join('; ')}${rejected.length > 5 ? ` (and ${rejected.length - 5} more)` : ''}`,
      rejected.slice(0, 100).map((i) => ({ path: i.path, message: i.message })),
    );
  }
  return [...result.warnings, ...result.errors];
}

/**
 * Validates one feature on its own: referenced segments and parents are stood in for by empty
 * ones here, and the write script checks that they exist (atomically with the write).
 */
export function validateSingleFeature(feature: Feature): void {
  const { parents, segmentIds } = featureReferences(feature);
  const stubs: Flag[] = parents
    .filter((p) => p !== feature.name)
    .map((p) => ({ name: p, enabled: true, strategies: [] }));
  const segments: Segment[] = segmentIds.map((id) => ({ id, constraints: [] }));
  validateFeatures({ features: [feature as unknown as Flag, ...stubs], segments });
}

export function validateSingleSegment(segment: CanonicalSegment): void {
  validateFeatures({ features: [], segments: [segment as unknown as Segment] });
}
