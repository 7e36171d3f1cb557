import type { Client } from 'openapi-fetch';
import { createTrellisClient, type TrellisClientOptions } from '../create-client.js';
import type { components, paths } from '../generated/health-svc.js';

export type HealthClient = Client<paths>;
export type InstanceHealth = components['schemas']['InstanceHealth'];
export type ServiceHealth = components['schemas']['ServiceHealth'];
export type HealthEvent = components['schemas']['HealthEvent'];
export type HealthEventPage = components['schemas']['HealthEventPage'];
export type CheckSettings = components['schemas']['CheckSettings'];
export type HealthStatus = InstanceHealth['status'];

/** Typed client for health-svc (default port 7101). */
export function createHealthClient(options: TrellisClientOptions): HealthClient {
  return createTrellisClient<paths>(options);
}

/**
 * `GET /v1/health/services/{service}` answers the same ServiceHealth body with 200, 429 or 503
 * (the worst status among the instances returned, as Consul does); openapi-fetch puts the 429
 * and 503 ones in `error`. This returns the body whichever it was, or throws for a real error
 * (bad input, Redis unavailable: problem+json).
 */
export async function getServiceHealth(
  client: HealthClient,
  service: string,
  query: { passing?: boolean; afterRevision?: number; timeoutSeconds?: number } = {},
  signal?: AbortSignal,
): Promise<ServiceHealth> {
  const { data, error, response } = await client.GET('/v1/health/services/{service}', {
    params: { path: { service }, query },
    ...(signal ? { signal } : {}),
  });
  if (data) return data;
  if (error && typeof error === 'object' && 'instances' in error) return error as ServiceHealth;
  throw new Error(`health-svc answered ${response.status}: ${JSON.stringify(error)}`);
}
