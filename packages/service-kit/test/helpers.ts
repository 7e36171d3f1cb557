import { inject } from 'vitest';
import '@trellis/testkit';
import { randomPrefix, redisEnv } from '@trellis/testkit';

import { type BaseConfig, baseConfigFromEnv } from '../src/index.js';

/** A BaseConfig pointing at the run's test Redis with a fresh key prefix. */
export function testBaseConfig(env: Record<string, string> = {}): BaseConfig {
  return baseConfigFromEnv(
    { ...redisEnv(inject('redisTopology')), TRELLIS_KEY_PREFIX: randomPrefix(), LOG_LEVEL: 'warn', PORT: '0', ...env },
    { name: 'demo-svc', version: '1.2.3', defaultPort: 0 },
  );
}
