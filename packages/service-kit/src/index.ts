export { type Static, type TSchema, Type } from 'typebox';
export * from './auth.js';
export * from './base-config.js';
export * from './build-service.js';
export * from './client-gone.js';
export * from './problem.js';
export * from './registrar.js';
export * from './run-service.js';
export * from './sse.js';
