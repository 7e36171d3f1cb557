import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { MetricsService } from '../metrics-service.js';
import { ANONYMOUS_SOURCE, CallBatch, CallMetrics, MetricsWindow, RouteSource, ServiceName } from '../schemas.js';

export function metricsRoutes(app: TrellisApp, metrics: MetricsService): void {
  app.post(
    '/v1/metrics/calls',
    {
      schema: {
        operationId: 'reportCalls',
        tags: ['metrics'],
        summary: 'Report a batch of calls a client made (discovery-aware clients do this on their own)',
        description: 'Each call lands in the minute it ended by the Redis clock (report time minus agoMs), so client clocks need not agree.',
        body: ref(CallBatch),
        response: {
          202: Type.Object({ accepted: Type.Integer() }, { additionalProperties: false, description: 'Recorded' }),
          ...problemResponses(413),
        },
      },
    },
    async (request, reply) => {
      const source = request.body.source ?? ANONYMOUS_SOURCE;
      const accepted = await metrics.record(
        request.body.calls.map((call) => ({
          source: call.source ?? source,
          destination: call.destination,
          status: call.status,
          latencyMs: call.latencyMs,
          agoMs: call.agoMs ?? 0,
        })),
      );
      reply.code(202);
      return { accepted };
    },
  );

  app.get(
    '/v1/metrics/:source/:destination',
    {
      schema: {
        operationId: 'getCallMetrics',
        tags: ['metrics'],
        summary: 'Golden metrics of source -> destination calls: RPS, success rate, latency p50/p95/p99',
        description:
          'Merged from per-minute histograms with fixed log-scale buckets, exact across any number of mesh-svc replicas. `*` as source: every source together. The window is its whole minutes plus the current one.',
        params: Type.Object({ source: RouteSource, destination: ServiceName }, { additionalProperties: false }),
        querystring: Type.Object({ window: Type.Optional(MetricsWindow) }, { additionalProperties: false }),
        response: { 200: ref(CallMetrics), ...problemResponses() },
      },
    },
    async (request) => metrics.summary(request.params.source, request.params.destination, request.query.window ?? '1m'),
  );
}
