// For embedding limits-svc in-process (tests of other packages); `./server` runs it.
export { buildApp, type BuildAppOptions } from './app.js';
export { loadConfig, SERVICE, type LimitsConfig } from './config.js';
export type { Clock } from './quota-service.js';
export type * from './schemas.js';
