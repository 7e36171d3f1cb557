// For embedding state-svc in-process (tests of other packages): the server entry is server.ts.
export { buildApp } from './app.js';
export { loadConfig, SERVICE, type StateConfig } from './config.js';
