/** Why a call could not be served. */
export type ServiceUnavailableReason =
  /** The registry (and health-svc) left no instance to call. */
  | 'no-instances'
  /** The circuit breaker refused the call: too many in flight and waiting. */
  | 'overflow'
  /** No instance accepted a connection, retries included. */
  | 'connect-failure'
  /** The connection broke before an answer, retries included. */
  | 'reset'
  /** The route timeout passed before an answer. */
  | 'timeout';

export interface ServiceUnavailableOptions {
  service?: string | undefined;
  reason?: ServiceUnavailableReason;
  attempts?: number;
  cause?: unknown;
}

/**
 * A call to a service got no answer: no instance was left, or none answered within the route's
 * policy. A 4xx or 5xx answer is not this error: it comes back as the response.
 */
export class ServiceUnavailableError extends Error {
  override readonly name: string = 'ServiceUnavailableError';
  readonly service: string | undefined;
  readonly reason: ServiceUnavailableReason;
  readonly attempts: number;

  constructor(message: string, options: ServiceUnavailableOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.service = options.service;
    this.reason = options.reason ?? 'no-instances';
    this.attempts = options.attempts ?? 0;
  }
}
