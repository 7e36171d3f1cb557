export { contextProblem, type OpenFeatureResolution, payloadValue, toEngineContext, toResolution } from '@trellis/flag-engine';
export { type FeaturesDocument, type FlagEvent, type FlagsChange, FlagsClient, type FlagsClientOptions } from './flags-client.js';
export { TrellisFlagsProvider } from './openfeature-provider.js';
