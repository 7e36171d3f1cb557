import type { Endpoint, RandomSource } from '../endpoint.js';
import type { Balancer } from './balancer.js';

/** Uniformly at random: no shared state, good when many callers would otherwise move in step. */
export class RandomBalancer implements Balancer {
  constructor(private readonly random: RandomSource) {}

  pick<E extends Endpoint>(candidates: readonly E[]): E {
    return candidates[Math.floor(this.random() * candidates.length)]!;
  }
}
