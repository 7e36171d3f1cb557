import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurationHistogram } from '../src/request-durations.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const OBSERVATIONS: [string, string, number, number][] = [
  ['GET', '/v1/things/:id', 200, 0.0004],
  ['GET', '/v1/things/:id', 200, 0.001], // on a bound: counts in that bucket, as prom-client does
  ['GET', '/v1/things/:id', 404, 0.05],
  ['POST', '/v1/things', 201, 0.2],
  ['POST', '/v1/things', 201, 12], // above every bound: only +Inf
  ['GET', 'unmatched', 404, 0.0002],
];

function registryWithService(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'demo' });
  return registry;
}

describe('request duration histogram', () => {
  it('scrapes exactly as a prom-client Histogram given the same observations', async () => {
    const reference = registryWithService();
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: BUCKETS,
      registers: [reference],
    });
    const ours = registryWithService();
    const durations = new RequestDurationHistogram('http_request_duration_seconds', 'HTTP request duration by route and status', BUCKETS).registerIn(ours);

    for (const [method, route, status, seconds] of OBSERVATIONS) {
      histogram.observe({ method, route, status_code: String(status) }, seconds);
      durations.observe(method, route, status, seconds);
    }

    expect(await ours.metrics()).toBe(await reference.metrics());
    // The JSON form too, less prom-client's exemplar slots (this histogram keeps no exemplars).
    const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
      metrics.map((metric) => ({ ...metric, values: metric.values.map((value) => {
        const { exemplar: _, ...rest } = value as typeof value & { exemplar?: unknown };
        return rest;
      }),
      }));
    expect(await ours.getMetricsAsJSON()).toEqual(withoutExemplars(await reference.getMetricsAsJSON()));
  });

  it('starts over when the registry resets its metrics', async () => {
    const registry = registryWithService();
    const durations = new RequestDurationHistogram('d_seconds', 'd', BUCKETS).registerIn(registry);
    durations.observe('GET', '/x', 200, 0.002);
    expect(await registry.metrics()).toContain('d_seconds_count{service="demo",method="GET",route="/x",status_code="200"} 1');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('d_seconds_count');
  });
});
