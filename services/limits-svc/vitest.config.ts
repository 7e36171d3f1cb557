import { trellisVitestConfig } from '@trellis/testkit/vitest-config';

export default trellisVitestConfig('@trellis/limits-svc');
