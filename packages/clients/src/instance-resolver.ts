import { createRegistryClient, type RegistryClient, type RegistryEvent, type RegistryInstance } from './registry-client.js';

export interface InstanceResolverOptions {
  registryUrl: string;
  apiKey?: string | undefined;
  service: string;
  zone?: string;
  /** Long-poll wait per request; changes arrive as soon as they happen regardless. */
  watchTimeoutSeconds?: number;
}

/**
 * Keeps a live view of one service's instances: lists once, then follows the registry's change
 * log from that revision (long-poll), re-listing only when told the history was compacted.
 * While the registry is unreachable it keeps serving the last view it had.
 */
export class InstanceResolver {
  private readonly registry: RegistryClient;
  private readonly instances = new Map<string, RegistryInstance>();
  private revision = 0;
  private ready: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private lastSync = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: InstanceResolverOptions) {
    this.registry = createRegistryClient({ baseUrl: options.registryUrl, apiKey: options.apiKey });
  }

  /** Resolves after the first successful listing; rejects (and may be called again) when it fails. */
  start(): Promise<void> {
    this.ready ??= this.list().then(
      () => {
        void this.follow();
      },
      (error: unknown) => {
        // A failed first listing may be retried by the next start().
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  /** Instances that take traffic: status UP (and in the zone, when one was asked for). */
  live(): RegistryInstance[] {
    // No lease deadline check here: heartbeats renew leases without an event (that would be a
    // watch storm), so the deadline this view holds is stale by design. A lapsed lease arrives
    // as an 'expired' event within the reaper's interval; until then connection failures are
    // retried on another instance.
    return [...this.instances.values()].filter(
      (instance) => instance.status === 'UP' && (!this.options.zone || instance.zone === this.options.zone),
    );
  }

  /** Every instance the registry lists, whatever its status. */
  all(): RegistryInstance[] {
    return [...this.instances.values()];
  }

  /** Calls `listener` after every change to the view; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The registry revision the view reflects. */
  currentRevision(): number {
    return this.revision;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  /** Milliseconds since the view was last confirmed by the registry. */
  staleness(): number {
    return Date.now() - this.lastSync;
  }

  close(): void {
    this.abort.abort();
  }

  private async list(): Promise<void> {
    const { data, error } = await this.registry.GET('/v1/services/{service}/instances', {
      params: { path: { service: this.options.service } },
      signal: this.abort.signal,
    });
    if (!data) throw new Error(`registry answered ${JSON.stringify(error)}`);
    this.instances.clear();
    for (const instance of data.instances) this.instances.set(instance.instanceId, instance);
    this.revision = data.revision;
    this.lastSync = Date.now();
    this.emit();
  }

  private apply(event: RegistryEvent): void {
    const { instanceId, instance } = event.data;
    if (event.type === 'deregistered' || event.type === 'expired' || !instance) this.instances.delete(instanceId);
    else this.instances.set(instanceId, instance);
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        const { data, error } = await this.registry.GET('/v1/services/{service}/watch', {
          params: {
            path: { service: this.options.service },
            query: { afterRevision: this.revision, timeoutSeconds: this.options.watchTimeoutSeconds ?? 30 },
          },
          signal: this.abort.signal,
        });
        if (!data) throw new Error(`watch answered ${JSON.stringify(error)}`);
        const page = data as { revision: number; compacted: boolean; events: RegistryEvent[] };
        if (page.compacted) {
          await this.list();
        } else {
          for (const event of page.events) this.apply(event);
          this.revision = page.revision;
          this.lastSync = Date.now();
          if (page.events.length > 0) this.emit();
        }
        failures = 0;
      } catch {
        if (this.abort.signal.aborted) return;
        failures += 1;
        const backoff = Math.min(5_000, 100 * 2 ** failures);
        await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * (backoff / 2)));
      }
    }
  }
}
