export * from './session-api.js';
export * from './session-plugin.js';
export * from './express-session-store.js';
