import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { topologyFromEnv } from './topology.js';

/**
 * The vitest config every Trellis package uses: real Redis from the global setup, generous
 * timeouts for process-level tests, and — when the repo's test command sets
 * TRELLIS_TEST_REPORT_DIR — a JSON report per run, which it sums into one closing line.
 */
export function trellisVitestConfig(packageName: string, options: { redis?: boolean } = {}): ViteUserConfig {
  const reportDir = process.env.TRELLIS_TEST_REPORT_DIR;
  const topology = topologyFromEnv();
  const reportFile = reportDir
    ? join(reportDir, `${packageName.replace(/[^\w-]/g, '_')}-${topology}-${process.pid}.json`)
    : undefined;
  return defineConfig({
    test: {
      globalSetup: options.redis === false ? [] : ['@trellis/testkit/global-setup'],
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
    },
  });
}
