// Test scaffolding shared by the services' suites. Kept out of the main entry so that production
// code never loads vitest or testkit.
export { type InProcessService, type StartInProcessOptions, startInProcess } from './testing/in-process.js';
export { startServiceProcess } from './testing/service-process.js';
export { type ReadSseOptions, readSse, type SseEvent } from './testing/sse.js';
export { serviceTestEnv } from './testing/test-env.js';
