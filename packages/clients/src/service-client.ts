import type { Client } from 'openapi-fetch';
import { createTrellisClient } from './create-client.js';
import { InstanceResolver, type InstanceResolverOptions } from './instance-resolver.js';

export class NoInstancesError extends Error {
  override readonly name = 'NoInstancesError';
}

export interface ServiceClientOptions extends Omit<InstanceResolverOptions, 'service'> {
  /** Key for the called service (defaults to the registry key). */
  serviceApiKey?: string | undefined;
  /** Other instances tried after a connection failure. */
  maxAttempts?: number;
}

export type ServiceClient<Paths extends object> = Client<Paths> & {
  resolver: InstanceResolver;
  close(): void;
};

const PLACEHOLDER_ORIGIN = 'http://trellis.invalid';

/** The connection was never made, so no handler ran: any method may go to another instance. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT']);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

function isSafeToRetry(error: unknown, method: string): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code && NOT_CONNECTED.has(code)) return true;
  // Dropped mid-request: it may have been handled, so only idempotent methods are repeated.
  return IDEMPOTENT.has(method);
}

/**
 * A typed client that finds its service through registry-svc: each request goes to the next
 * live instance (round robin); a connection failure moves on to another instance, so a crashed
 * instance costs no failed call even before the registry notices.
 */
export async function createServiceClient<Paths extends object>(
  service: string,
  options: ServiceClientOptions,
): Promise<ServiceClient<Paths>> {
  const resolver = new InstanceResolver({ ...options, service });
  await resolver.start();
  let next = 0;
  const maxAttempts = options.maxAttempts ?? 3;

  const balancedFetch = async (input: Request): Promise<Response> => {
    const url = new URL(input.url);
    const body = input.body ? await input.arrayBuffer() : undefined;
    let lastError: unknown;
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      const live = resolver.live();
      if (live.length === 0) throw new NoInstancesError(`no live instance of ${service}`);
      const instance = live[next++ % live.length]!;
      const host = instance.host.includes(':') ? `[${instance.host}]` : instance.host;
      const target = `http://${host}:${instance.port}${url.pathname}${url.search}`;
      try {
        return await fetch(target, {
          method: input.method,
          headers: input.headers,
          ...(body ? { body } : {}),
          signal: input.signal,
        });
      } catch (error) {
        lastError = error;
        if (input.signal?.aborted || !isSafeToRetry(error, input.method)) throw error;
      }
    }
    throw lastError;
  };

  const client = createTrellisClient<Paths>({
    baseUrl: PLACEHOLDER_ORIGIN,
    apiKey: options.serviceApiKey ?? options.apiKey,
    fetch: balancedFetch,
  });
  return Object.assign(client, { resolver, close: () => resolver.close() });
}
