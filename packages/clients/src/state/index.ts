export * from './state-api.js';
export * from './update-with-retry.js';
export * from './with-lock.js';
