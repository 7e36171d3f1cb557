import type { Endpoint, RandomSource } from './endpoint.js';
import { type Split, splitName } from './route.js';

export interface SplitGroup<E extends Endpoint> {
  /** The split's name, or `all` when the route has no splits. */
  name: string;
  weight: number;
  endpoints: E[];
}

export interface SplitPlan<E extends Endpoint> {
  groups: SplitGroup<E>[];
  /** Splits that matched no usable instance: their share went to the others. */
  empty: string[];
  /** No split matched anything, so traffic went to every instance rather than nowhere. */
  fallback: boolean;
  /** Whether the groups are the route's splits (false: one group of every instance). */
  applied: boolean;
}

function matches(endpoint: Endpoint, split: Split): boolean {
  if (split.version !== undefined && endpoint.version !== split.version) return false;
  if (split.tag !== undefined && !endpoint.tags.includes(split.tag)) return false;
  return true;
}

/**
 * Puts each instance in the first split it matches. A split with no instance left gives its
 * share to the others in proportion (a canary whose pods all died must not black-hole its
 * share); when no weighted split has an instance, every instance takes the traffic.
 */
export function planSplits<E extends Endpoint>(endpoints: readonly E[], splits: readonly Split[]): SplitPlan<E> {
  if (splits.length === 0) {
    return { groups: [{ name: 'all', weight: 1, endpoints: [...endpoints] }], empty: [], fallback: false, applied: false };
  }
  const groups: SplitGroup<E>[] = splits.map((split, index) => ({ name: splitName(split, index), weight: split.weight, endpoints: [] }));
  for (const endpoint of endpoints) {
    const index = splits.findIndex((split) => matches(endpoint, split));
    if (index >= 0) groups[index]!.endpoints.push(endpoint);
  }
  const empty = groups.filter((group) => group.endpoints.length === 0).map((group) => group.name);
  const usable = groups.filter((group) => group.endpoints.length > 0 && group.weight > 0);
  if (usable.length === 0) {
    const groups = endpoints.length ? [{ name: 'all', weight: 1, endpoints: [...endpoints] }] : [];
    return { groups, empty, fallback: endpoints.length > 0, applied: false };
  }
  return { groups: usable, empty, fallback: false, applied: true };
}

/** Weighted random choice of a group. */
export function pickGroup<E extends Endpoint>(groups: readonly SplitGroup<E>[], random: RandomSource): SplitGroup<E> | undefined {
  const total = groups.reduce((sum, group) => sum + group.weight, 0);
  if (total <= 0) return groups[0];
  let point = random() * total;
  for (const group of groups) {
    point -= group.weight;
    if (point < 0) return group;
  }
  return groups[groups.length - 1];
}

export interface EffectiveWeight<E extends Endpoint> {
  endpoint: E;
  split: string | null;
  /** Percent of the traffic this instance should receive (all instances sum to 100). */
  percent: number;
}

/**
 * The share each instance gets after splits: its group's share, divided among the group's
 * instances equally, or by their registry weight when the balancer is `weighted`.
 */
export function effectiveWeights<E extends Endpoint>(plan: SplitPlan<E>, byInstanceWeight: boolean): EffectiveWeight<E>[] {
  const total = plan.groups.reduce((sum, group) => sum + group.weight, 0);
  const result: EffectiveWeight<E>[] = [];
  for (const group of plan.groups) {
    const groupShare = total > 0 ? group.weight / total : 0;
    const weights = group.endpoints.map((endpoint) => (byInstanceWeight ? Math.max(0, endpoint.weight) : 1));
    let sum = weights.reduce((a, b) => a + b, 0);
    // All weights 0: the weighted balancer treats them as equal, so do the same here.
    if (sum === 0) {
      weights.fill(1);
      sum = weights.length;
    }
    group.endpoints.forEach((endpoint, i) => {
      result.push({ endpoint, split: plan.applied ? group.name : null, percent: (100 * groupShare * weights[i]!) / sum });
    });
  }
  return result;
}
