import { trellisVitestConfig } from '@trellis/testkit/vitest-config';
import { defineConfig, mergeConfig } from 'vitest/config';

// Four projects: `fullstack` runs against one shared stack (processes, or compose with
// TRELLIS_STACK=compose); `resilience` starts stacks of its own and breaks their Redis;
// `fuzz` sends spec-generated hostile requests to every operation of a shared stack;
// `compose` checks a compose deployment itself (test:compose runs it beside `fullstack`).
export default mergeConfig(
  trellisVitestConfig('@trellis/tests', { redis: false }),
  defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 120_000,
      projects: [
        { extends: true, test: { name: 'fullstack', include: ['fullstack/**/*.test.ts'], globalSetup: ['./src/global-stack.ts'] } },
        { extends: true, test: { name: 'resilience', include: ['resilience/**/*.test.ts'], fileParallelism: false } },
        { extends: true, test: { name: 'fuzz', include: ['fuzz/**/*.test.ts'], globalSetup: ['./src/global-stack.ts'] } },
        // (its tests skip on any stack but the compose variant they are about)
        { extends: true, test: { name: 'compose', include: ['compose/**/*.test.ts'], globalSetup: ['./src/global-stack.ts'] } },
      ],
    },
  }),
);
