export * from './express-session-store.js';
export * from './session-api.js';
export * from './session-plugin.js';
