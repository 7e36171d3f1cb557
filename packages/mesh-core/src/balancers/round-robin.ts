import type { Endpoint } from '../endpoint.js';
import type { Balancer } from './balancer.js';

/** Each candidate in turn. */
export class RoundRobinBalancer implements Balancer {
  private next = 0;

  pick<E extends Endpoint>(candidates: readonly E[]): E {
    const chosen = candidates[this.next % candidates.length]!;
    this.next = (this.next + 1) % 1_000_000_007;
    return chosen;
  }
}
