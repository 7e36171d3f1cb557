// The discovery-aware client's building blocks, for services and tools that compose their own.
export * from './discovery-view.js';
export * from './errors.js';
export * from './fetch-transport.js';
export * from './health-view.js';
export * from './metrics-reporter.js';
export * from './route-watcher.js';
