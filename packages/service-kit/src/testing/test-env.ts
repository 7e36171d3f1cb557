import { randomPrefix, redisEnv } from '@trellis/testkit';
import { inject } from 'vitest';

/**
 * A service environment on the run's test Redis. The fresh key prefix keeps tests that share that
 * Redis apart; `defaults` are a service's test settings, which `overrides` win over.
 */
export function serviceTestEnv(defaults: Record<string, string> = {}, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...redisEnv(inject('redisTopology')),
    TRELLIS_KEY_PREFIX: randomPrefix(),
    LOG_LEVEL: 'warn',
    ...defaults,
    ...overrides,
  };
}
