import { trellisVitestConfig } from '@trellis/testkit/vitest-config';

// Pure logic (reading CPU profiles): no Redis needed.
export default trellisVitestConfig('@trellis/bench', { redis: false });
