import type { RandomSource } from '../endpoint.js';
import type { EndpointStats } from '../endpoint-stats.js';
import type { LoadBalancerKind } from '../route.js';
import type { Balancer } from './balancer.js';
import { LeastConnectionsBalancer } from './least-connections.js';
import { P2cEwmaBalancer } from './p2c-ewma.js';
import { RandomBalancer } from './random.js';
import { RoundRobinBalancer } from './round-robin.js';
import { WeightedBalancer } from './weighted.js';

export type { Balancer } from './balancer.js';
export { LeastConnectionsBalancer, P2cEwmaBalancer, RandomBalancer, RoundRobinBalancer, WeightedBalancer };

export function createBalancer(kind: LoadBalancerKind, stats: EndpointStats, random: RandomSource): Balancer {
  switch (kind) {
    case 'round-robin':
      return new RoundRobinBalancer();
    case 'random':
      return new RandomBalancer(random);
    case 'least-connections':
      return new LeastConnectionsBalancer(stats, random);
    case 'weighted':
      return new WeightedBalancer();
    case 'p2c-ewma':
      return new P2cEwmaBalancer(stats, random);
  }
}
