// For embedding limits-svc in-process (tests of other packages); `./server` runs it.
export { type BuildAppOptions, buildApp } from './app.js';
export { type LimitsConfig, loadConfig, SERVICE } from './config.js';
export type { Clock } from './quota-service.js';
export type * from './schemas.js';
