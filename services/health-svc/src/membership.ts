import type { FastifyBaseLogger } from 'fastify';
import type { HealthStore } from './health-store.js';

/**
 * The health-svc replicas alive right now, as Redis knows them: each renews its membership at
 * a third of its TTL. Only load balancing depends on it (which replica is first in line for an
 * instance); correctness never does, because every slot claim is atomic in Redis.
 */
export class Membership {
  private members: string[];
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly store: HealthStore,
    readonly replicaId: string,
    private readonly ttlMs: number,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.members = [replicaId];
  }

  /** Live replicas, always including this one. */
  replicas(): readonly string[] {
    return this.members;
  }

  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    try {
      const members = await this.store.replicaHeartbeat(this.replicaId, this.ttlMs);
      this.members = members.includes(this.replicaId) ? members : [...members, this.replicaId].sort();
      if (this.failing) this.logger.info('replica membership renewed again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'could not renew replica membership');
      this.failing = true;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.store.replicaHeartbeat(this.replicaId, this.ttlMs, true).catch(() => {});
  }
}
