import { type RoutePolicy, type RoutePolicyInput, withDefaults } from '@trellis/mesh-core';
import { createTrellisClient } from '../create-client.js';
import type { paths } from '../generated/mesh-svc.js';

export interface RouteWatcherOptions {
  meshUrl: string;
  apiKey?: string | undefined;
  source: string;
  destination: string;
  /** Used until mesh-svc answers, and whenever it never has. */
  fallback?: RoutePolicyInput | undefined;
  /** Long-poll wait per request (default 30 s). */
  watchTimeoutSeconds?: number;
  /** How long start() waits for mesh-svc before going on with the fallback (default 2 s). */
  startTimeoutMs?: number;
  fetch?: typeof fetch;
}

export type RouteOrigin = 'explicit' | 'wildcard' | 'default' | 'fallback';

/**
 * The route this caller uses for one destination, as mesh-svc says: read once, then followed by
 * long-polling the route's watch from the revision the answer reflected, and re-read whenever a
 * change concerns it (its own route or the destination's `*` route). While mesh-svc is away the
 * last route read stays in force.
 */
export class RouteWatcher {
  private policy: RoutePolicy;
  private originValue: RouteOrigin = 'fallback';
  private revision: number | undefined;
  private readonly abort = new AbortController();
  private readonly client;
  private ready: Promise<void> | undefined;
  private readonly listeners = new Set<(policy: RoutePolicy) => void>();

  constructor(private readonly options: RouteWatcherOptions) {
    this.policy = withDefaults(options.fallback);
    this.client = createTrellisClient<paths>({ baseUrl: options.meshUrl, apiKey: options.apiKey, ...(options.fetch ? { fetch: options.fetch } : {}) });
  }

  current(): RoutePolicy {
    return this.policy;
  }

  origin(): RouteOrigin {
    return this.originValue;
  }

  onChange(listener: (policy: RoutePolicy) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the route was read, or after startTimeoutMs with the fallback; never rejects. */
  start(): Promise<void> {
    this.ready ??= (async () => {
      const first = this.read().catch(() => {});
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, this.options.startTimeoutMs ?? 2_000).unref());
      await Promise.race([first, timeout]);
      void first.then(() => this.follow());
    })();
    return this.ready;
  }

  close(): void {
    this.abort.abort();
  }

  private params() {
    return { path: { source: this.options.source, destination: this.options.destination } };
  }

  private async read(): Promise<void> {
    const { data, error } = await this.client.GET('/v1/routes/{source}/{destination}', {
      params: this.params(),
      signal: this.abort.signal,
    });
    if (!data) throw new Error(`mesh-svc answered ${JSON.stringify(error)}`);
    this.policy = withDefaults(data.policy as RoutePolicyInput);
    this.originValue = data.origin;
    this.revision = data.asOfRevision;
    for (const listener of this.listeners) listener(this.policy);
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (this.revision === undefined) {
          await this.read();
        } else {
          const { data, error } = await this.client.GET('/v1/routes/{source}/{destination}/watch', {
            params: { ...this.params(), query: { afterRevision: this.revision, timeoutSeconds: this.options.watchTimeoutSeconds ?? 30 } },
            signal: this.abort.signal,
          });
          if (!data) throw new Error(`route watch answered ${JSON.stringify(error)}`);
          const page = data as { revision: number; compacted: boolean; events: unknown[] };
          if (page.compacted || page.events.length > 0) await this.read();
          else this.revision = page.revision;
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
