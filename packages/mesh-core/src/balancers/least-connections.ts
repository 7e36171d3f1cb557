import type { Endpoint, RandomSource } from '../endpoint.js';
import type { EndpointStats } from '../endpoint-stats.js';
import type { Balancer } from './balancer.js';

/** The candidate with the fewest calls in flight; ties broken at random so no instance is favoured. */
export class LeastConnectionsBalancer implements Balancer {
  constructor(
    private readonly stats: EndpointStats,
    private readonly random: RandomSource,
  ) {}

  pick<E extends Endpoint>(candidates: readonly E[]): E {
    let best: E[] = [];
    let fewest = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const inflight = this.stats.inflight(candidate.instanceId);
      if (inflight < fewest) {
        fewest = inflight;
        best = [candidate];
      } else if (inflight === fewest) {
        best.push(candidate);
      }
    }
    return best[Math.floor(this.random() * best.length)]!;
  }
}
