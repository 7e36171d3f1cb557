import type { Endpoint, RandomSource } from '../endpoint.js';
import type { EndpointStats } from '../endpoint-stats.js';
import type { Balancer } from './balancer.js';

/**
 * Linkerd's balancer: two distinct candidates at random, the one with the lower cost (peak
 * EWMA latency x (calls in flight + 1)) wins. Slow or busy instances shed load within a few
 * calls, without the herd effect of always choosing the global minimum.
 */
export class P2cEwmaBalancer implements Balancer {
  constructor(
    private readonly stats: EndpointStats,
    private readonly random: RandomSource,
  ) {}

  pick<E extends Endpoint>(candidates: readonly E[]): E {
    if (candidates.length === 1) return candidates[0]!;
    const first = Math.floor(this.random() * candidates.length);
    let second = Math.floor(this.random() * (candidates.length - 1));
    if (second >= first) second += 1;
    const a = candidates[first]!;
    const b = candidates[second]!;
    const costA = this.stats.cost(a.instanceId);
    const costB = this.stats.cost(b.instanceId);
    if (costA === costB) return this.random() < 0.5 ? a : b;
    return costA < costB ? a : b;
  }
}
