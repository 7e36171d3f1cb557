import type { Endpoint } from '../endpoint.js';

/** Chooses one of the candidates for the next attempt; candidates are never empty. */
export interface Balancer {
  pick<E extends Endpoint>(candidates: readonly E[]): E;
}
