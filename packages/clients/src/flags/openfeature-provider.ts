import {
  type EvaluationContext,
  FlagNotFoundError,
  GeneralError,
  InvalidContextError,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  ProviderNotReadyError,
  type ResolutionDetails,
  TypeMismatchError,
} from '@openfeature/server-sdk';
import { contextProblem, type EvaluationResult, payloadValue } from '@trellis/flag-engine';
import { FlagsClient, type FlagsClientOptions } from './flags-client.js';

type ValueType = 'boolean' | 'string' | 'number' | 'object';

function throwForError(flagKey: string, result: EvaluationResult): void {
  switch (result.errorCode) {
    case undefined:
      return;
    case 'FLAG_NOT_FOUND':
      throw new FlagNotFoundError(result.errorMessage ?? `flag ${JSON.stringify(flagKey)} not found`);
    case 'PROVIDER_NOT_READY':
      throw new ProviderNotReadyError(result.errorMessage ?? 'flags are not loaded yet');
    case 'INVALID_CONTEXT':
      throw new InvalidContextError(result.errorMessage ?? 'invalid context');
    default:
      throw new GeneralError(result.errorMessage ?? result.errorCode);
  }
}

function matchesType(value: unknown, type: ValueType): boolean {
  if (type === 'object') return typeof value === 'object' && value !== null;
  return typeof value === type;
}

/**
 * An OpenFeature server provider that evaluates in-process with a {@link FlagsClient}: no
 * network call per evaluation, changes arrive over flags-svc's change stream and are announced
 * as PROVIDER_CONFIGURATION_CHANGED.
 *
 * Booleans are the flag's state. Strings, numbers and objects come from the chosen variant's
 * payload (json -> object, number -> number); a string flag whose variant has no payload
 * resolves to the variant name. When the flag is off or no variant applies, the default value
 * is returned with the reason (DISABLED, DEFAULT).
 */
export class TrellisFlagsProvider implements Provider {
  readonly metadata = { name: 'trellis-flags' } as const;
  readonly runsOn = 'server' as const;
  readonly hooks = [];
  readonly events = new OpenFeatureEventEmitter();
  readonly client: FlagsClient;
  private readonly ownsClient: boolean;
  private unsubscribe: (() => void) | undefined;

  constructor(clientOrOptions: FlagsClient | FlagsClientOptions) {
    this.ownsClient = !(clientOrOptions instanceof FlagsClient);
    this.client = clientOrOptions instanceof FlagsClient ? clientOrOptions : new FlagsClient(clientOrOptions);
  }

  async initialize(): Promise<void> {
    await this.client.start();
    this.unsubscribe = this.client.onChange((change) =>
      this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: change.flags, metadata: { revision: change.revision } }),
    );
  }

  async onClose(): Promise<void> {
    this.unsubscribe?.();
    if (this.ownsClient) await this.client.close();
  }

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return this.resolve(flagKey, defaultValue, context, 'boolean');
  }

  async resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return this.resolve(flagKey, defaultValue, context, 'string');
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return this.resolve(flagKey, defaultValue, context, 'number');
  }

  async resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    return this.resolve(flagKey, defaultValue, context, 'object');
  }

  private resolve<T>(flagKey: string, defaultValue: T, context: EvaluationContext, type: ValueType): ResolutionDetails<T> {
    const problem = contextProblem(context);
    if (problem) throw new InvalidContextError(problem);
    const result = this.client.evaluate(flagKey, context as Record<string, unknown>);
    throwForError(flagKey, result);
    const details = (value: T, variant: string | undefined): ResolutionDetails<T> => ({
      value,
      reason: result.reason,
      ...(variant !== undefined ? { variant } : {}),
      ...(result.flagMetadata ? { flagMetadata: result.flagMetadata } : {}),
    });
    const variant = result.variant;
    if (type === 'boolean') return details(result.enabled as T, variant.enabled ? variant.name : result.enabled ? 'on' : 'off');
    if (!result.enabled || !variant.enabled) return details(defaultValue, undefined);
    const value = variant.payload ? payloadValue(variant.payload) : variant.name;
    if (!matchesType(value, type)) {
      throw new TypeMismatchError(`flag ${JSON.stringify(flagKey)}: variant ${JSON.stringify(variant.name)} is not a ${type}`);
    }
    return details(value as T, variant.name);
  }
}
