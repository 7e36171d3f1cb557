import type { FastifyBaseLogger } from 'fastify';
import type { StateStore } from './state-store.js';

/** Namespaces claimed per round, documents expired per script call: keeps each Redis step short. */
const NAMESPACES_PER_ROUND = 50;
const DOCUMENTS_PER_CALL = 200;
/** A reaper that dies mid-visit leaves its claim; another replica takes the namespace after this. */
const CLAIM_MS = 30_000;

/**
 * Expires documents whose TTL has passed, with one 'expired' event each, shortly after their
 * deadline. Reads never wait for it (they compare deadlines themselves); it exists so watchers
 * hear about expiries and indexes shrink. Every replica runs one; claims keep them apart.
 */
export class TtlReaper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;

  constructor(
    private readonly store: StateStore,
    private readonly logger: FastifyBaseLogger,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  /** One round; returns how many documents expired. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let total = 0;
    try {
      for (let claims = await this.store.claimDueNamespaces(NAMESPACES_PER_ROUND, CLAIM_MS); claims.length > 0; ) {
        for (const { namespace, claim } of claims) total += await this.visit(namespace, claim);
        claims = claims.length < NAMESPACES_PER_ROUND ? [] : await this.store.claimDueNamespaces(NAMESPACES_PER_ROUND, CLAIM_MS);
      }
      if (this.failing) this.logger.info('ttl reaper recovered');
      this.failing = false;
      if (total > 0) this.logger.debug({ expired: total }, 'expired documents');
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'ttl reaper could not reach Redis');
      this.failing = true;
    } finally {
      this.running = false;
    }
    return total;
  }

  private async visit(namespace: string, claim: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { expired, nextDeadline } = await this.store.reapNamespace(namespace, DOCUMENTS_PER_CALL);
      total += expired;
      if (expired < DOCUMENTS_PER_CALL) {
        await this.store.settleNamespace(namespace, claim, nextDeadline);
        return total;
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
