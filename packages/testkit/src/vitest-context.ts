// Loads vitest's types so that the augmentation below has a module to augment.
import type {} from 'vitest';
import type { RedisTopology } from './types.js';

// Types `inject('redisTopology')` in tests that use `@trellis/testkit/global-setup`.
declare module 'vitest' {
  export interface ProvidedContext {
    redisTopology: RedisTopology;
  }
}

export const REDIS_TOPOLOGY_KEY = 'redisTopology' as const;
