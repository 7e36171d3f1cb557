import type { RetryPolicy } from './route.js';

export interface RetryBudgetOptions {
  /** The window requests and retries are counted over (Linkerd: 10 s). */
  windowMs?: number;
  now?: () => number;
}

const SLOTS = 10;

/**
 * Linkerd's retry budget: over a sliding window, retries may add `ratio` of the original
 * requests plus `minRetriesPerSecond` x window. It keeps retries from multiplying load when an
 * outage makes every call fail (a retry storm), while allowing them for sporadic failures.
 */
export class RetryBudget {
  private readonly slotMs: number;
  private readonly now: () => number;
  private readonly requests = new Array<number>(SLOTS).fill(0);
  private readonly retries = new Array<number>(SLOTS).fill(0);
  private currentSlot = 0;

  constructor(options: RetryBudgetOptions = {}) {
    this.slotMs = (options.windowMs ?? 10_000) / SLOTS;
    this.now = options.now ?? (() => performance.now());
    this.currentSlot = Math.floor(this.now() / this.slotMs);
  }

  private advance(): number {
    const slot = Math.floor(this.now() / this.slotMs);
    const steps = Math.min(SLOTS, slot - this.currentSlot);
    for (let i = 1; i <= steps; i += 1) {
      const index = (this.currentSlot + i) % SLOTS;
      this.requests[index] = 0;
      this.retries[index] = 0;
    }
    if (slot > this.currentSlot) this.currentSlot = slot;
    return this.currentSlot % SLOTS;
  }

  /** Counts an original request. */
  deposit(): void {
    this.requests[this.advance()]! += 1;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  withdraw(budget: RetryPolicy['budget']): boolean {
    const index = this.advance();
    const requests = this.requests.reduce((a, b) => a + b, 0);
    const retries = this.retries.reduce((a, b) => a + b, 0);
    const windowSeconds = (this.slotMs * SLOTS) / 1_000;
    const allowed = budget.ratio * requests + budget.minRetriesPerSecond * windowSeconds;
    if (retries + 1 > allowed) return false;
    this.retries[index]! += 1;
    return true;
  }
}
