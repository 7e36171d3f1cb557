import { trellisVitestConfig } from '@trellis/testkit/vitest-config';

// Pure logic: no Redis needed.
export default trellisVitestConfig('@trellis/flag-engine', { redis: false });
