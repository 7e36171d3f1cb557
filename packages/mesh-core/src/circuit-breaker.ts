import type { CircuitBreakerPolicy } from './route.js';

/** The call was refused at once: too many in flight and too many already waiting. */
export class OverflowError extends Error {
  override readonly name = 'OverflowError';
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

/**
 * Envoy's circuit-breaking thresholds for one destination: at most `maxRequests` calls in
 * flight and `maxPending` waiting for a slot; past that, fail fast instead of queueing without
 * bound behind an overloaded service.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  get inFlight(): number {
    return this.active;
  }

  get pending(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; rejects with OverflowError, or the signal's reason. */
  acquire(policy: CircuitBreakerPolicy, signal?: AbortSignal): Promise<() => void> {
    if (this.active < policy.maxRequests) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= policy.maxPending) return Promise.reject(new OverflowError('circuit breaker: too many pending calls'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      const waiter: Waiter = { resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) {
        next.cleanup();
        // The slot passes straight to the next waiter.
        next.resolve(this.releaser());
      } else {
        this.active -= 1;
      }
    };
  }
}
