import type { FastifyBaseLogger } from 'fastify';
import type { HealthStore } from './health-store.js';
import type { RegistryFollower } from './registry-follower.js';

/**
 * Removes health records whose instance left the registry while no replica was following it
 * (every replica down, or the registry's history compacted past a removal). A record goes only
 * when this replica's registry view is fresh, does not list that registration, and no replica
 * has written the record for several intervals: the forget script re-checks the last in Redis.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly store: HealthStore,
    private readonly follower: RegistryFollower,
    private readonly logger: FastifyBaseLogger,
    private readonly intervalMs: number,
    private readonly freshWithinMs: number,
  ) {}

  start(): void {
    // Replicas start at random offsets so they do not sweep in lockstep.
    const first = setTimeout(() => {
      void this.sweep();
      this.timer = setInterval(() => void this.sweep(), this.intervalMs);
      this.timer.unref();
    }, Math.random() * this.intervalMs);
    first.unref();
    this.timer = first;
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (this.running || !this.follower.isFresh(this.freshWithinMs)) return 0;
    this.running = true;
    let removed = 0;
    try {
      const services = new Set([...this.follower.services(), ...(await this.store.indexedServices())]);
      for (const service of services) {
        const [{ records }, settings] = await Promise.all([this.store.read(service), this.store.getSettings(service)]);
        const idleForMs = Math.max(3 * settings.intervalMs + 5_000, 15_000);
        for (const [instanceId, record] of records) {
          const live = this.follower.get(service, instanceId);
          if (live && live.epoch <= record.e) continue;
          if (await this.store.forget(service, instanceId, record.e, idleForMs)) removed += 1;
        }
      }
      if (removed > 0) this.logger.info({ removed }, 'swept health records of instances no longer registered');
    } catch (error) {
      this.logger.warn({ err: error }, 'sweep failed; will retry');
    } finally {
      this.running = false;
    }
    return removed;
  }
}
