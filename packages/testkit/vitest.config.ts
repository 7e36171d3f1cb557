import { mergeConfig } from 'vitest/config';
import { trellisVitestConfig } from './src/vitest-config.js';

// The testkit tests its own global setup (from source): the topology named by TRELLIS_TEST_TOPOLOGY.
const base = trellisVitestConfig('@trellis/testkit', { redis: false });
export default mergeConfig(base, { test: { globalSetup: ['./src/global-setup.ts'], pool: 'forks' } });
