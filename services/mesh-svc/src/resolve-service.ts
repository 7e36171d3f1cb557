import { effectiveWeights, planSplits } from '@trellis/mesh-core';
import type { DestinationCatalog } from './destination-catalog.js';
import type { RouteService } from './route-service.js';
import type { Resolution } from './schemas.js';

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** The healthy instances a source should call for a destination, with their traffic shares. */
export class ResolveService {
  constructor(
    private readonly routes: RouteService,
    private readonly catalog: DestinationCatalog,
  ) {}

  async resolve(source: string, destination: string): Promise<Resolution> {
    const [route, entry] = await Promise.all([this.routes.effective(source, destination), this.catalog.get(destination)]);
    const { discovery } = entry;
    const policy = route.policy;
    const plan = planSplits(discovery.healthy(), policy.splits);
    const weights = effectiveWeights(plan, policy.loadBalancer === 'weighted');
    const totalWeight = plan.groups.reduce((sum, group) => sum + group.weight, 0);
    return {
      source,
      destination,
      route: { origin: route.origin, revision: route.revision, loadBalancer: policy.loadBalancer },
      registryRevision: discovery.resolver.currentRevision(),
      health: discovery.healthFiltering(),
      splits: plan.applied
        ? plan.groups.map((group) => ({
            name: group.name,
            weight: group.weight,
            percent: round((100 * group.weight) / totalWeight),
            instances: group.endpoints.length,
          }))
        : [],
      emptySplits: plan.empty,
      splitFallback: plan.fallback,
      instances: weights.map(({ endpoint, split, percent }) => ({
        instanceId: endpoint.instanceId,
        host: endpoint.host,
        port: endpoint.port,
        version: endpoint.version,
        zone: endpoint.zone,
        tags: endpoint.tags,
        weight: endpoint.weight,
        health: discovery.healthOf(endpoint),
        split,
        effectiveWeight: round(percent),
      })),
    };
  }
}
