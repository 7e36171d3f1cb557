export * from './limits-api.js';
export * from './rate-limit-plugin.js';
export * from './subject-key.js';
