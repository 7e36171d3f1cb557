import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@trellis/testkit/global-setup'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
