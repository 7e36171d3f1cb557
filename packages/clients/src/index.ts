export * from './create-client.js';
export * from './registry-client.js';
export * from './instance-resolver.js';
export * from './service-client.js';
export * from './sse.js';
export type * from './generated/index.js';
