import { DiscoveryView, HealthView, InstanceResolver } from '@trellis/clients';
import { MeshDestination } from '@trellis/mesh-core';
import { HttpProblem } from '@trellis/service-kit';

/** One followed destination: its discovery view (registry + health) and the proxy's policy state. */
export class DestinationEntry {
  lastUsed = Date.now();
  readonly mesh = new MeshDestination();
  private readonly unsubscribe: () => void;

  constructor(
    readonly name: string,
    readonly discovery: DiscoveryView,
  ) {
    // Outlier and latency state of instances that left would otherwise pile up.
    const resolver = discovery.resolver;
    this.unsubscribe = resolver.onChange(() => this.mesh.retain(resolver.all().map((instance) => instance.instanceId)));
  }

  close(): void {
    this.unsubscribe();
    this.discovery.close();
  }
}

export interface DestinationCatalogOptions {
  registryUrl: string | undefined;
  registryApiKey: string | undefined;
  healthUrl: string | undefined;
  healthApiKey: string | undefined;
  maxDestinations: number;
  idleMs: number;
}

/**
 * The destinations mesh-svc resolves and proxies to, each followed through registry-svc's
 * watch (and health-svc's blocking queries) from its first use until it has been idle for a
 * while. Bounded: the least recently used destination is dropped to make room.
 */
export class DestinationCatalog {
  private readonly entries = new Map<string, { entry: DestinationEntry; ready: Promise<void> }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: DestinationCatalogOptions) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, options.idleMs));
    this.sweeper.unref();
  }

  async get(destination: string): Promise<DestinationEntry> {
    const { registryUrl, healthUrl } = this.options;
    if (!registryUrl) throw new HttpProblem(503, 'DISCOVERY_NOT_CONFIGURED', 'mesh-svc has no REGISTRY_URL, so it cannot find instances');
    let slot = this.entries.get(destination);
    if (!slot) {
      this.makeRoom();
      const resolver = new InstanceResolver({ registryUrl, apiKey: this.options.registryApiKey, service: destination });
      const health = healthUrl ? new HealthView({ healthUrl, apiKey: this.options.healthApiKey, service: destination }) : undefined;
      const entry = new DestinationEntry(destination, new DiscoveryView(resolver, health));
      slot = { entry, ready: entry.discovery.start() };
      this.entries.set(destination, slot);
    }
    slot.entry.lastUsed = Date.now();
    try {
      await slot.ready;
    } catch (error) {
      // Not followed after all: the next call asks the registry afresh.
      if (this.entries.get(destination) === slot) this.entries.delete(destination);
      slot.entry.close();
      throw new HttpProblem(503, 'REGISTRY_UNAVAILABLE', `registry-svc could not list ${destination}: ${(error as Error).message}`, {
        headers: { 'retry-after': '1' },
        extensions: { retryAfterSeconds: 1 },
      });
    }
    return slot.entry;
  }

  private makeRoom(): void {
    while (this.entries.size >= this.options.maxDestinations) {
      let oldest: string | undefined;
      let oldestUse = Number.POSITIVE_INFINITY;
      for (const [name, { entry }] of this.entries) {
        if (entry.lastUsed < oldestUse) {
          oldestUse = entry.lastUsed;
          oldest = name;
        }
      }
      if (oldest === undefined) return;
      this.entries.get(oldest)?.entry.close();
      this.entries.delete(oldest);
    }
  }

  private sweep(): void {
    const cutoff = Date.now() - this.options.idleMs;
    for (const [name, { entry }] of this.entries) {
      if (entry.lastUsed < cutoff && entry.mesh.limiter.inFlight === 0) {
        entry.close();
        this.entries.delete(name);
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const { entry } of this.entries.values()) entry.close();
    this.entries.clear();
  }
}
