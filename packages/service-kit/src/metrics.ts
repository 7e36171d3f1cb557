import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-durations.js';

export interface ServiceMetrics {
  registry: Registry;
  redisErrors: Counter<'kind'>;
  /** Records one request's duration (ms) under its route template (or 'unmatched') and status. */
  observeRequest(method: string, route: string | undefined, statusCode: number, elapsedMs: number): void;
}

/** Prometheus metrics on `/metrics`: request durations by route and status, Redis errors. */
export function registerMetrics(app: FastifyInstance, service: string): ServiceMetrics {
  // One registry per app (not prom-client's global one) so several apps can share a process.
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new RequestDurationHistogram(
    'http_request_duration_seconds',
    'HTTP request duration by route and status',
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ).registerIn(registry);
  const redisErrors = new Counter({
    name: 'redis_errors_total',
    help: 'Requests that failed because Redis was unavailable',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  app.get(
    '/metrics',
    { config: { public: true }, schema: { hide: true } },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
  return {
    registry,
    redisErrors,
    // The route is the template, not the URL: bounded label cardinality.
    observeRequest(method, route = 'unmatched', statusCode, elapsedMs) {
      duration.observe(method, route, statusCode, elapsedMs / 1_000);
    },
  };
}
