export { CompiledFlags, compileFlags, validateFlags } from './compile.js';
export { applyDeltaEvents, type DeltaEvent } from './delta.js';
export { evaluate, evaluateAll, getVariant, isEnabled } from './evaluate.js';
export { FlagValidationError, formatIssue } from './issues.js';
export { murmur3_32, murmur3_32Bytes, normalizedValue, VARIANT_SEED } from './murmur3.js';
export { contextProblem, type OpenFeatureResolution, payloadValue, toEngineContext, toResolution } from './openfeature.js';
export { OPERATORS, type Operator } from './operators.js';
export { compileRe2 } from './regex.js';
export { compareSemver, parseSemver, type SemVer } from './semver.js';
export { expandShorthand, expandShorthands, SHORTHAND_NAMES, type ShorthandStrategy } from './shorthand.js';
export { BUILT_IN_STRATEGIES } from './strategies.js';
export type {
  CompileOptions,
  Constraint,
  Context,
  ErrorCode,
  EvaluateOptions,
  EvaluationReason,
  EvaluationResult,
  Flag,
  FlagDependency,
  FlagIssue,
  FlagMetadata,
  FlagsDocument,
  IssueSeverity,
  Segment,
  Strategy,
  ValidationResult,
  Variant,
  VariantOverride,
  VariantPayload,
  VariantResult,
} from './types.js';
export { DISABLED_VARIANT, NO_VARIANT } from './variants.js';
