import type { Client } from 'openapi-fetch';
import { createTrellisClient, type TrellisClientOptions } from '../create-client.js';
import type { components, paths } from '../generated/limits-svc.js';

export type LimitsApiClient = Client<paths>;
export type RateLimitDecision = components['schemas']['Decision'];
export type RateLimitPolicyDecision = components['schemas']['PolicyDecision'];
export type RateLimitPolicy = components['schemas']['Policy'];
export type RateLimitPolicySpec = components['schemas']['PolicySpec'];
export type QuotaUsage = components['schemas']['QuotaUsage'];

/** The typed limits-svc client, generated from its OpenAPI document. */
export function createLimitsApiClient(options: TrellisClientOptions): LimitsApiClient {
  return createTrellisClient<paths>(options);
}
