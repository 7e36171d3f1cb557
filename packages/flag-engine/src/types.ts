/**
 * Public data model. Field names follow Unleash's client features API
 * (`GET /api/client/features`) so its documents can be compiled as they are.
 */

export interface VariantPayload {
  /** e.g. "string", "json", "csv", "number" */
  type: string;
  value: string;
}

export interface VariantOverride {
  contextName: string;
  values: string[];
}

export interface Variant {
  name: string;
  /** Unleash servers send weights that add up to 1000; any non-negative weights work. */
  weight: number;
  /** "variable" | "fix": informational for clients (the server already computed the weights). */
  weightType?: string;
  stickiness?: string;
  payload?: VariantPayload;
  overrides?: VariantOverride[];
}

export interface Constraint {
  contextName: string;
  operator: string;
  values?: string[];
  value?: string;
  caseInsensitive?: boolean;
  inverted?: boolean;
}

export interface Segment {
  id: number;
  name?: string;
  constraints: Constraint[];
}

export interface Strategy {
  name: string;
  parameters?: Record<string, string>;
  constraints?: Constraint[];
  segments?: number[];
  variants?: Variant[];
}

export interface FlagDependency {
  feature: string;
  /** default true; false means "the parent must be disabled" */
  enabled?: boolean;
  /** when non-empty, the parent's variant must be one of these */
  variants?: string[];
}

export interface Flag {
  name: string;
  description?: string | null;
  type?: string;
  enabled: boolean;
  strategies: Strategy[];
  variants?: Variant[];
  dependencies?: FlagDependency[];
  impressionData?: boolean;
  /** other fields of the Unleash document (project, stale, ...) are ignored */
  [extra: string]: unknown;
}

export interface FlagsDocument {
  version?: number;
  features: Flag[];
  segments?: Segment[];
}

/**
 * Evaluation context. Standard Unleash fields plus `groups`; constraints on
 * any other name look at a top-level field of that name first, then at
 * `properties[name]`.
 */
export interface Context {
  userId?: string;
  sessionId?: string;
  remoteAddress?: string;
  environment?: string;
  appName?: string;
  /** ISO-8601 string, Date or epoch milliseconds; defaults to "now" */
  currentTime?: string | Date | number;
  properties?: Record<string, string | null | undefined>;
  /** array, or a comma-separated string */
  groups?: string[] | string;
  [field: string]: unknown;
}

export interface EvaluateOptions {
  /** host name for the applicationHostname strategy (overrides the compile-time one) */
  hostname?: string;
}

export type EvaluationReason =
  | 'STATIC'
  | 'DEFAULT'
  | 'TARGETING_MATCH'
  | 'SPLIT'
  | 'DISABLED'
  | 'UNKNOWN'
  | 'ERROR';

export type ErrorCode =
  | 'PROVIDER_NOT_READY'
  | 'FLAG_NOT_FOUND'
  | 'PARSE_ERROR'
  | 'TYPE_MISMATCH'
  | 'TARGETING_KEY_MISSING'
  | 'INVALID_CONTEXT'
  | 'GENERAL';

export interface VariantResult {
  readonly name: string;
  /** true when a variant was selected */
  readonly enabled: boolean;
  readonly payload?: Readonly<VariantPayload>;
  /** whether the flag itself evaluated to enabled */
  readonly featureEnabled: boolean;
}

export type FlagMetadata = Readonly<Record<string, string | number | boolean>>;

export interface EvaluationResult {
  enabled: boolean;
  variant: VariantResult;
  reason: EvaluationReason;
  errorCode?: ErrorCode;
  errorMessage?: string;
  flagMetadata?: FlagMetadata;
}

export type IssueSeverity = 'fatal' | 'error' | 'warning';

/**
 * A problem found in a flags document.
 * - fatal: malformed structure; rejected by compileFlags in every mode
 * - error: invalid rule (unknown operator, rollout outside 0..100, bad regex, ...);
 *   rejected by default, evaluated as "never matches" (as Unleash does) with `lenient: true`
 * - warning: accepted (e.g. an unknown strategy name, which evaluates to false)
 */
export interface FlagIssue {
  path: string;
  message: string;
  severity: IssueSeverity;
}

export interface ValidationResult {
  /** false when there is any fatal or error issue */
  valid: boolean;
  errors: FlagIssue[];
  warnings: FlagIssue[];
}

export interface CompileOptions {
  /**
   * Unleash-compatible tolerance: invalid rules evaluate to false instead of
   * rejecting the document (malformed structure is still rejected).
   * Default false.
   */
  lenient?: boolean;
  /** default host name for the applicationHostname strategy */
  hostname?: string;
}
