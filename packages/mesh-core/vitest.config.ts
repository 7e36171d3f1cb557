import { defineConfig } from 'vitest/config';

// Pure code: no Redis, no global setup.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
