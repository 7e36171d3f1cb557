// What other packages (tests, the full stack) import: the app without a listening server.
export { buildApp } from './app.js';
export { type ConfigLimits, type ConfigSvcConfig, loadConfig, SERVICE } from './config.js';
export type { ConfigEntry, ConfigEvent, ConfigEventPage, NamespaceSnapshot } from './schemas.js';
