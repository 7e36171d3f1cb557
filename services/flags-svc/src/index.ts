export { buildApp } from './app.js';
export { type FlagsConfig, loadConfig, SERVICE } from './config.js';
