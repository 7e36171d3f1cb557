import { trellisVitestConfig } from '@trellis/testkit/vitest-config';

// Pure code: no Redis needed.
export default trellisVitestConfig('@trellis/mesh-core', { redis: false });
