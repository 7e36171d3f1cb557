import type { Endpoint } from '../endpoint.js';
import type { Balancer } from './balancer.js';

/**
 * Smooth weighted round robin (nginx): exact proportions to the instances' registry weights,
 * interleaved rather than in bursts. Weight 0 takes no traffic unless every weight is 0.
 */
export class WeightedBalancer implements Balancer {
  private readonly current = new Map<string, number>();

  pick<E extends Endpoint>(candidates: readonly E[]): E {
    const weighted = candidates.filter((candidate) => candidate.weight > 0);
    const pool = weighted.length > 0 ? weighted : candidates;
    const weightOf = (candidate: E) => (weighted.length > 0 ? candidate.weight : 1);
    let total = 0;
    let best: E | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const candidate of pool) {
      const weight = weightOf(candidate);
      total += weight;
      const score = (this.current.get(candidate.instanceId) ?? 0) + weight;
      this.current.set(candidate.instanceId, score);
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    this.current.set(best!.instanceId, bestScore - total);
    if (this.current.size > pool.length * 4) this.prune(pool);
    return best!;
  }

  private prune(pool: readonly Endpoint[]): void {
    const keep = new Set(pool.map((candidate) => candidate.instanceId));
    for (const id of this.current.keys()) if (!keep.has(id)) this.current.delete(id);
  }
}
