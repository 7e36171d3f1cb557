import { trellisVitestConfig } from '@trellis/testkit/vitest-config';
import { defineConfig, mergeConfig } from 'vitest/config';

// Two projects: `fullstack` runs against one shared stack (processes, or compose with
// TRELLIS_STACK=compose); `resilience` starts stacks of its own and breaks their Redis.
export default mergeConfig(
  trellisVitestConfig('@trellis/tests', { redis: false }),
  defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 120_000,
      projects: [
        { extends: true, test: { name: 'fullstack', include: ['fullstack/**/*.test.ts'], globalSetup: ['./src/global-stack.ts'] } },
        { extends: true, test: { name: 'resilience', include: ['resilience/**/*.test.ts'], fileParallelism: false } },
      ],
    },
  }),
);
