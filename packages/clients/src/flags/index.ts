export { type FeaturesDocument, type FlagEvent, type FlagsChange, FlagsClient, type FlagsClientOptions } from './flags-client.js';
export { contextProblem, type OpenFeatureResolution, payloadValue, toEngineContext, toResolution } from '@trellis/flag-engine';
export { TrellisFlagsProvider } from './openfeature-provider.js';
