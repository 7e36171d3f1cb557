import type { FastifyBaseLogger } from 'fastify';
import type { SessionService } from './session-service.js';

const BATCH = 100;

/**
 * Expires sessions on a timer and publishes events that a crash left in an outbox. Every
 * replica runs one; the scripts make each expiry and each event happen once, so replicas never
 * double-report.
 */
export class Reaper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;

  constructor(
    private readonly sessions: SessionService,
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
    let expired = 0;
    try {
      // Drain in batches so a mass expiry never blocks Redis for long.
      for (;;) {
        const pass = await this.sessions.reap(BATCH);
        expired += pass.expired;
        if (pass.visited < BATCH) break;
      }
      if (this.failing) this.logger.info('reaper recovered');
      this.failing = false;
      if (expired > 0) this.logger.info({ expired }, 'expired sessions');
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'reaper could not reach Redis');
      this.failing = true;
    } finally {
      this.running = false;
    }
    return expired;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
