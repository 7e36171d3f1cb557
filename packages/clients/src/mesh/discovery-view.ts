import type { InstanceResolver } from '../instance-resolver.js';
import type { RegistryInstance } from '../registry-client.js';
import type { HealthView } from './health-view.js';

export type HealthFiltering = 'applied' | 'unavailable' | 'not-configured';

/** The instances of one service that may take traffic: live in registry-svc, and healthy in health-svc when it is configured. */
export class DiscoveryView {
  constructor(
    readonly resolver: InstanceResolver,
    readonly health: HealthView | undefined,
  ) {}

  /** Lists from the registry (which must answer) and health-svc (which may not). */
  async start(): Promise<void> {
    await Promise.all([this.resolver.start(), this.health?.start()]);
  }

  healthy(): RegistryInstance[] {
    const live = this.resolver.live();
    return this.health ? this.health.filter(live) : live;
  }

  healthFiltering(): HealthFiltering {
    if (!this.health) return 'not-configured';
    return this.health.isFresh() ? 'applied' : 'unavailable';
  }

  /** What health-svc says about an instance, as far as traffic goes. */
  healthOf(instance: RegistryInstance): 'passing' | 'warning' | 'unknown' {
    const status = this.health?.statusOf(instance.instanceId, instance.epoch);
    return status === 'passing' || status === 'warning' ? status : 'unknown';
  }

  onChange(listener: () => void): () => void {
    const offs = [this.resolver.onChange(listener), this.health?.onChange(listener)];
    return () => {
      for (const off of offs) off?.();
    };
  }

  close(): void {
    this.resolver.close();
    this.health?.close();
  }
}
