import type { FastifyBaseLogger } from 'fastify';
import type { RegistryStore } from './registry-store.js';

/**
 * Expires lapsed leases on a timer. Every replica runs one; the reap script makes each expiry
 * (and its single 'expired' event) atomic, so replicas never double-report.
 */
export class Reaper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;

  constructor(
    private readonly store: RegistryStore,
    private readonly logger: FastifyBaseLogger,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let total = 0;
    try {
      // Drain in batches so a mass expiry (a whole zone lost) never blocks Redis for long.
      for (let expired = await this.store.reap(); expired > 0; expired = await this.store.reap()) total += expired;
      if (this.failing) this.logger.info('reaper recovered');
      this.failing = false;
      if (total > 0) this.logger.info({ expired: total }, 'expired lapsed leases');
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'reaper could not reach Redis');
      this.failing = true;
    } finally {
      this.running = false;
    }
    return total;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
