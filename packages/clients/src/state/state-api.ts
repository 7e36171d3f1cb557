import type { Client } from 'openapi-fetch';
import { createTrellisClient, type TrellisClientOptions } from '../create-client.js';
import type { components, paths } from '../generated/state-svc.js';

export type StateApiClient = Client<paths>;
export type StateDocument = components['schemas']['StateDocument'];
export type StateEvent = components['schemas']['StateEvent'];
export type StateEventPage = components['schemas']['StateEventPage'];
export type StateKeyPage = components['schemas']['KeyPage'];
export type LockGrant = components['schemas']['LockGrant'];
export type LockState = components['schemas']['LockState'];

/** The typed state-svc client, generated from its OpenAPI document. */
export function createStateApiClient(options: TrellisClientOptions): StateApiClient {
  return createTrellisClient<paths>(options);
}

export interface StateProblem {
  code?: string;
  detail?: string;
  currentETag?: string;
  [extension: string]: unknown;
}

/** A state-svc answer other than success: the RFC 9457 problem it sent. */
export class StateApiError extends Error {
  override readonly name: string = 'StateApiError';
  constructor(
    readonly status: number,
    readonly problem: StateProblem | undefined,
  ) {
    super(`state-svc answered ${status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`);
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

export function stateApiError(response: Response, error: unknown): StateApiError {
  return new StateApiError(response.status, typeof error === 'object' && error !== null ? (error as StateProblem) : undefined);
}
