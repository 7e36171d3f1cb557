import type { RegistryClient, RegistryEvent, RegistryInstance } from '@trellis/clients';
import type { FastifyBaseLogger } from 'fastify';

export interface RegistryFollowerHandlers {
  /** An instance appeared, or its registration changed (address, health path, epoch). */
  upsert(instance: RegistryInstance, previous: RegistryInstance | undefined): void;
  /** An instance left the registry (deregistered, expired, or missing from a fresh listing). */
  remove(instance: RegistryInstance): void;
}

const key = (service: string, instanceId: string) => `${service}/${instanceId}`;

/**
 * This replica's view of every instance registry-svc lists: one listing, then the registry's
 * change log from that listing's revision (long-poll through the typed client), re-listing only
 * when told the history was compacted. While the registry is unreachable the last view stays
 * (Eureka's self-preservation: an unreachable registry is no reason to stop checking).
 */
export class RegistryFollower {
  readonly instances = new Map<string, RegistryInstance>();
  private revision = 0;
  private synced = false;
  private lastSyncAt = 0;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly registry: RegistryClient,
    private readonly handlers: RegistryFollowerHandlers,
    private readonly logger: FastifyBaseLogger,
    private readonly watchTimeoutSeconds = 30,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  /** True once a listing succeeded and the view was confirmed within `withinMs`. */
  isFresh(withinMs: number): boolean {
    return this.synced && Date.now() - this.lastSyncAt <= withinMs;
  }

  services(): Set<string> {
    return new Set([...this.instances.values()].map((instance) => instance.service));
  }

  get(service: string, instanceId: string): RegistryInstance | undefined {
    return this.instances.get(key(service, instanceId));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (!this.synced) await this.list();
        await this.follow();
        failures = 0;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        failures += 1;
        if (failures === 1 || failures % 20 === 0) this.logger.warn({ err: error, failures }, 'registry-svc unreachable; keeping the last view');
        const backoff = Math.min(5_000, 100 * 2 ** Math.min(failures, 6));
        await this.sleep(backoff / 2 + Math.random() * (backoff / 2));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Lists every service, then diffs against the current view. */
  private async list(): Promise<void> {
    const { data, error } = await this.registry.GET('/v1/services', { signal: this.abort.signal });
    if (!data) throw new Error(`listServices answered ${JSON.stringify(error)}`);
    const next = new Map<string, RegistryInstance>();
    const names = data.services.map((service) => service.name);
    // A few at a time: a registry with many services should not see a burst from every replica.
    for (let i = 0; i < names.length; i += 8) {
      const pages = await Promise.all(
        names.slice(i, i + 8).map(async (service) => {
          const page = await this.registry.GET('/v1/services/{service}/instances', {
            params: { path: { service } },
            signal: this.abort.signal,
          });
          if (!page.data) throw new Error(`discoverInstances(${service}) answered ${JSON.stringify(page.error)}`);
          return page.data.instances;
        }),
      );
      for (const instance of pages.flat()) next.set(key(instance.service, instance.instanceId), instance);
    }
    for (const [id, instance] of this.instances) {
      if (!next.has(id)) {
        this.instances.delete(id);
        this.handlers.remove(instance);
      }
    }
    for (const [id, instance] of next) {
      const previous = this.instances.get(id);
      this.instances.set(id, instance);
      this.handlers.upsert(instance, previous);
    }
    // Every listing read happened at or after this revision: replaying from it misses nothing,
    // and events apply idempotently on top of a listing taken a little later.
    this.revision = data.revision;
    this.synced = true;
    this.lastSyncAt = Date.now();
    this.logger.info({ instances: this.instances.size, revision: this.revision }, 'registry view listed');
  }

  private async follow(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const { data, error } = await this.registry.GET('/v1/watch', {
        params: { query: { afterRevision: this.revision, timeoutSeconds: this.watchTimeoutSeconds } },
        signal: this.abort.signal,
      });
      if (!data) throw new Error(`watchRegistry answered ${JSON.stringify(error)}`);
      const page = data as { revision: number; compacted: boolean; events: RegistryEvent[] };
      if (page.compacted) {
        this.logger.warn({ revision: this.revision }, 'registry history compacted; listing again');
        this.synced = false;
        return;
      }
      for (const event of page.events) this.apply(event);
      this.revision = Math.max(this.revision, page.revision);
      this.lastSyncAt = Date.now();
    }
  }

  private apply(event: RegistryEvent): void {
    const { service, instanceId, instance } = event.data;
    const id = key(service, instanceId);
    const current = this.instances.get(id);
    if (event.type === 'deregistered' || event.type === 'expired') {
      const ended = instance ?? current;
      // An event about an older registration must not remove a newer one.
      if (current && ended && current.epoch <= ended.epoch) {
        this.instances.delete(id);
        this.handlers.remove(ended);
      } else if (!current && ended) {
        this.handlers.remove(ended);
      }
      return;
    }
    if (!instance) return;
    this.instances.set(id, instance);
    this.handlers.upsert(instance, current);
  }
}
