export * from './change-log.js';
export * from './connection.js';
export * from './connection-config.js';
export * from './errors.js';
export * from './key-space.js';
export * from './probe.js';
export * from './script-registry.js';
