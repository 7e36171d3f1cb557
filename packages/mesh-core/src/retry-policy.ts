import type { RandomSource } from './endpoint.js';
import type { RetryPolicy } from './route.js';

/** How one attempt ended. */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  /** No connection was made: no handler ran, so any method may go elsewhere. */
  | { kind: 'connect-failure' }
  /** The per-try timeout fired before the response headers. */
  | { kind: 'timeout' }
  /** The connection broke after the request was sent. */
  | { kind: 'reset' };

const GATEWAY_ERRORS = new Set([502, 503, 504]);

/** Envoy's retry_on semantics (see RETRY_ON). A 4xx is never retried unless listed explicitly. */
export function isRetriable(outcome: AttemptOutcome, policy: RetryPolicy): boolean {
  const on = new Set(policy.retryOn);
  switch (outcome.kind) {
    case 'connect-failure':
      return on.has('connect-failure') || on.has('5xx') || on.has('gateway-error');
    case 'timeout':
      return on.has('5xx') || on.has('gateway-error');
    case 'reset':
      return on.has('5xx');
    case 'response':
      if (on.has('retriable-status-codes') && policy.retriableStatusCodes.includes(outcome.status)) return true;
      if (on.has('5xx') && outcome.status >= 500) return true;
      return on.has('gateway-error') && GATEWAY_ERRORS.has(outcome.status);
  }
}

/** Whether the outcome counts against the instance for outlier detection (Envoy: 5xx and local errors). */
export function isFailure(outcome: AttemptOutcome): boolean {
  return outcome.kind !== 'response' || outcome.status >= 500;
}

/** Full jitter (AWS): uniform in [0, min(max, base x 2^(retry-1))]; `retry` counts from 1. */
export function backoffDelayMs(retry: number, backoff: RetryPolicy['backoff'], random: RandomSource): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  return random() * ceiling;
}
