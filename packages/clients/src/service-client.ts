import { randomUUID } from 'node:crypto';
import { MeshDestination, type RandomSource, type RoutePolicy, type RoutePolicyInput, withDefaults } from '@trellis/mesh-core';
import type { Client } from 'openapi-fetch';
import { createTrellisClient } from './create-client.js';
import { InstanceResolver, type InstanceResolverOptions } from './instance-resolver.js';
import { DiscoveryView } from './mesh/discovery-view.js';
import { ServiceUnavailableError } from './mesh/errors.js';
import { classifyFetchError, instanceUrl } from './mesh/fetch-transport.js';
import { HealthView } from './mesh/health-view.js';
import { MetricsReporter } from './mesh/metrics-reporter.js';
import { RouteWatcher } from './mesh/route-watcher.js';

/** The name earlier versions threw; the same class now. */
export const NoInstancesError = ServiceUnavailableError;
export type NoInstancesError = ServiceUnavailableError;

export interface ServiceClientOptions extends Omit<InstanceResolverOptions, 'service'> {
  /** The calling service, as mesh-svc routes and metrics know it (default `anonymous`). */
  source?: string;
  /** Key for the called service (defaults to the registry key). */
  serviceApiKey?: string | undefined;
  /** mesh-svc: the route is read and followed from there, and call metrics are reported there. */
  meshUrl?: string | undefined;
  meshApiKey?: string | undefined;
  /** health-svc: only instances it does not report critical or in maintenance get calls. */
  healthUrl?: string | undefined;
  healthApiKey?: string | undefined;
  /** The route without mesh-svc, or until it first answers (fields left out take the defaults). */
  route?: RoutePolicyInput | undefined;
  /** Earlier versions' knob: attempts per call, so retries.max = maxAttempts - 1 in the fallback route. */
  maxAttempts?: number;
  /** How often call metrics go to mesh-svc (default 5 s). */
  metricsFlushMs?: number;
  /** Random source for splits, balancing and jitter (tests pass a seeded one). */
  random?: RandomSource;
}

export type ServiceClient<Paths extends object> = Client<Paths> & {
  service: string;
  resolver: InstanceResolver;
  health: HealthView | undefined;
  discovery: DiscoveryView;
  /** Policy state kept about the service: latency, outliers, circuit breaker, retry budget. */
  mesh: MeshDestination;
  /** fetch through the mesh: the origin of the URL is ignored, path and query go to the chosen instance. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The route in force now. */
  route(): RoutePolicy;
  /** Sends the call metrics waiting to be reported. */
  flushMetrics(): Promise<void>;
  close(): Promise<void>;
};

const PLACEHOLDER_ORIGIN = 'http://trellis.invalid';

/**
 * A typed client that finds its service through registry-svc and calls it with the mesh's
 * policy: healthy instances only (health-svc), the route from mesh-svc (splits, timeouts,
 * retries on retryOn with fully jittered backoff within a retry budget, circuit breaking,
 * outlier ejection with a panic threshold), the route's balancer, and call metrics reported
 * to mesh-svc in batches. A call that gets no answer throws ServiceUnavailableError.
 */
export async function createServiceClient<Paths extends object>(
  service: string,
  options: ServiceClientOptions,
): Promise<ServiceClient<Paths>> {
  const source = options.source ?? 'anonymous';
  const resolver = new InstanceResolver({ ...options, service });
  const health = options.healthUrl
    ? new HealthView({ healthUrl: options.healthUrl, apiKey: options.healthApiKey ?? options.apiKey, service })
    : undefined;
  const discovery = new DiscoveryView(resolver, health);
  const fallback: RoutePolicyInput = {
    ...(options.route ?? {}),
    ...(options.maxAttempts !== undefined && options.route?.retries?.max === undefined
      ? { retries: { ...(options.route?.retries ?? {}), max: Math.max(0, options.maxAttempts - 1) } }
      : {}),
  };
  const routes = options.meshUrl
    ? new RouteWatcher({ meshUrl: options.meshUrl, apiKey: options.meshApiKey ?? options.apiKey, source, destination: service, fallback })
    : undefined;
  const staticRoute = withDefaults(fallback);
  const reporter = options.meshUrl
    ? new MetricsReporter({
        meshUrl: options.meshUrl,
        apiKey: options.meshApiKey ?? options.apiKey,
        source,
        ...(options.metricsFlushMs ? { flushMs: options.metricsFlushMs } : {}),
      })
    : undefined;
  const mesh = new MeshDestination(options.random ? { random: options.random } : {});
  resolver.onChange(() => mesh.retain(resolver.all().map((instance) => instance.instanceId)));

  try {
    await Promise.all([discovery.start(), routes?.start()]);
  } catch (error) {
    discovery.close();
    routes?.close();
    await reporter?.close();
    throw error;
  }
  const currentRoute = () => routes?.current() ?? staticRoute;

  const meshFetch = async (input: Request): Promise<Response> => {
    const url = new URL(input.url);
    const body = input.body ? await input.arrayBuffer() : undefined;
    const headers = new Headers(input.headers);
    headers.set('x-trellis-source', source);
    // One id for every attempt, so the call can be followed across retries.
    if (!headers.has('x-request-id')) headers.set('x-request-id', randomUUID());
    const started = performance.now();
    const endpoints = discovery.healthy();
    if (endpoints.length === 0) {
      throw new ServiceUnavailableError(`no healthy instance of ${service}`, { service, reason: 'no-instances' });
    }
    const result = await mesh.call({
      route: currentRoute(),
      endpoints,
      send: (instance, signal) =>
        fetch(instanceUrl(instance, `${url.pathname}${url.search}`), {
          method: input.method,
          headers,
          ...(body ? { body } : {}),
          redirect: 'manual',
          // The caller's signal also covers reading the body, after the policy is done.
          signal: input.signal ? AbortSignal.any([signal, input.signal]) : signal,
        }),
      statusOf: (response) => response.status,
      discard: (response) => void response.body?.cancel().catch(() => {}),
      classifyError: classifyFetchError,
      signal: input.signal,
    });
    const latencyMs = performance.now() - started;
    if (result.ok) {
      reporter?.record(service, result.status, latencyMs);
      return result.response;
    }
    if (result.reason === 'aborted') throw input.signal?.reason ?? result.error;
    reporter?.record(service, 0, latencyMs);
    throw new ServiceUnavailableError(`${service}: ${result.reason} after ${result.attempts} attempt(s)`, {
      service,
      reason: result.reason === 'no-endpoints' ? 'no-instances' : result.reason,
      attempts: result.attempts,
      cause: result.error,
    });
  };

  const client = createTrellisClient<Paths>({
    baseUrl: PLACEHOLDER_ORIGIN,
    apiKey: options.serviceApiKey ?? options.apiKey,
    fetch: meshFetch,
  });
  return Object.assign(client, {
    service,
    resolver,
    health,
    discovery,
    mesh,
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      meshFetch(new Request(typeof input === 'string' && input.startsWith('/') ? `${PLACEHOLDER_ORIGIN}${input}` : input, init)),
    route: currentRoute,
    flushMetrics: async () => {
      await reporter?.flush();
    },
    close: async () => {
      discovery.close();
      routes?.close();
      await reporter?.close();
    },
  });
}
