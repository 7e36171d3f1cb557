export * from './config-api.js';
export * from './config-client.js';
export { livenessFetch, type StreamLivenessHooks } from './stream-liveness.js';
