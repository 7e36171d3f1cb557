export * from './auth.js';
export * from './base-config.js';
export * from './build-service.js';
export * from './problem.js';
export * from './registrar.js';
export * from './run-service.js';
export * from './sse.js';
export { Type, type Static, type TSchema } from 'typebox';
export * from './client-gone.js';
