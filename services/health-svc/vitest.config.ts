import { trellisVitestConfig } from '@trellis/testkit/vitest-config';
import { mergeConfig } from 'vitest/config';

// Process tests spawn several servers each: one file at a time keeps a shared, loaded machine calm.
export default mergeConfig(trellisVitestConfig('@trellis/health-svc'), { test: { fileParallelism: false, testTimeout: 60_000 } });
