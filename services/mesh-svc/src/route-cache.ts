import type { Subscription } from '@trellis/redis-core';
import type { RouteService } from './route-service.js';
import type { Route } from './schemas.js';

const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Effective routes in memory for the proxy, dropped as soon as the route change log says a
 * route of their destination changed; a bounded age covers a broken subscription.
 */
export class RouteCache {
  private readonly entries = new Map<string, { route: Route; at: number }>();
  /** Bumped per destination on every change, so a read that raced a change is not cached. */
  private readonly generations = new Map<string, number>();
  private subscription: Subscription | undefined;
  private closed = false;

  constructor(private readonly routes: RouteService) {}

  start(): void {
    if (this.closed) return;
    this.subscription = this.routes.changeLog.subscribe<{ destination: string }>(this.routes.store.scope, undefined, {
      event: (event) => this.invalidate(event.data.destination),
      compacted: () => {
        this.entries.clear();
        this.generations.clear();
        this.start();
      },
    });
  }

  private invalidate(destination: string): void {
    this.generations.set(destination, (this.generations.get(destination) ?? 0) + 1);
    for (const key of this.entries.keys()) if (key.startsWith(`${destination}/`)) this.entries.delete(key);
  }

  async get(source: string, destination: string): Promise<Route> {
    const key = `${destination}/${source}`;
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.route;
    const generation = this.generations.get(destination) ?? 0;
    const route = await this.routes.effective(source, destination);
    if ((this.generations.get(destination) ?? 0) === generation && this.subscription) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { route, at: Date.now() });
    }
    return route;
  }

  close(): void {
    this.closed = true;
    this.subscription?.close();
  }
}
