import type { Context, EvaluationResult, VariantPayload } from './types.js';

// Shared by flags-svc (OFREP answers) and the in-process SDK, so both answer alike.

/** OpenFeature evaluation context -> Unleash context: targetingKey is the userId unless one is given. */
export function toEngineContext(context: Record<string, unknown> | undefined, environment: string): Context {
  const source = (context ?? {}) as Context;
  const targetingKey = source.targetingKey;
  const takeUser =
    (source.userId === undefined || source.userId === null || source.userId === '') &&
    typeof targetingKey === 'string' &&
    targetingKey !== '';
  const takeEnvironment = source.environment === undefined || source.environment === null;
  // Evaluation is the SDK's hot path: copy the caller's context only when something must be
  // added, and with Object.assign — on Node 20 an object spread here was 20x slower (bench/).
  if (!takeUser && !takeEnvironment) return source;
  const ctx: Context = Object.assign({}, source);
  if (takeUser) ctx.userId = targetingKey as string;
  if (takeEnvironment) ctx.environment = environment;
  return ctx;
}

/** Why a context cannot be evaluated (OFREP INVALID_CONTEXT), or undefined when it can. */
export function contextProblem(context: unknown): string | undefined {
  if (context === undefined || context === null) return undefined;
  if (typeof context !== 'object' || Array.isArray(context)) return 'context must be an object';
  const c = context as Record<string, unknown>;
  if (c.targetingKey !== undefined && c.targetingKey !== null && typeof c.targetingKey !== 'string') {
    return 'targetingKey must be a string';
  }
  if (c.properties !== undefined && c.properties !== null && (typeof c.properties !== 'object' || Array.isArray(c.properties))) {
    return 'properties must be an object';
  }
  return undefined;
}

/** A variant payload as a typed value: json -> parsed, number -> number, boolean -> boolean, else the text. */
export function payloadValue(payload: Readonly<VariantPayload>): unknown {
  switch (payload.type) {
    case 'json':
      try {
        return JSON.parse(payload.value) as unknown;
      } catch {
        return payload.value;
      }
    case 'number': {
      const n = Number(payload.value);
      return payload.value.trim() !== '' && Number.isFinite(n) ? n : payload.value;
    }
    case 'boolean':
      return payload.value === 'true' ? true : payload.value === 'false' ? false : payload.value;
    default:
      return payload.value;
  }
}

export interface OpenFeatureResolution {
  value: unknown;
  variant: string;
  reason: string;
  errorCode?: string;
  errorDetails?: string;
}

/**
 * The typeless OpenFeature answer (OFREP has no flag type in the request): the chosen variant's
 * payload, or its name when it has none; otherwise the flag state as a boolean, with variant
 * "on"/"off".
 */
export function toResolution(result: EvaluationResult): OpenFeatureResolution {
  const v = result.variant;
  const resolution: OpenFeatureResolution =
    v.enabled && result.enabled
      ? { value: v.payload ? payloadValue(v.payload) : v.name, variant: v.name, reason: result.reason }
      : { value: result.enabled, variant: result.enabled ? 'on' : 'off', reason: result.reason };
  if (result.errorCode) {
    resolution.errorCode = result.errorCode;
    if (result.errorMessage) resolution.errorDetails = result.errorMessage;
  }
  return resolution;
}
