import { type CallFailure, withDefaults } from '@trellis/mesh-core';
import { HttpProblem } from '@trellis/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import type { CallRecorder } from '../call-recorder.js';
import type { DestinationCatalog } from '../destination-catalog.js';
import type { RouteCache } from '../route-cache.js';
import { classifyUpstreamError, type UpstreamRequest, type UpstreamResponse, UpstreamTransport } from './upstream-transport.js';

export interface ProxiedCall extends UpstreamRequest {
  source: string;
  destination: string;
  signal: AbortSignal;
}

export interface ProxyAnswer {
  response: UpstreamResponse;
  instanceId: string;
  attempts: number;
}

const FAILURES: Record<CallFailure, { status: number; code: string; detail: string }> = {
  'no-endpoints': { status: 503, code: 'NO_HEALTHY_UPSTREAM', detail: 'no healthy instance of the destination' },
  overflow: { status: 503, code: 'UPSTREAM_OVERFLOW', detail: 'too many calls to the destination are in flight or waiting' },
  timeout: { status: 504, code: 'UPSTREAM_TIMEOUT', detail: 'the destination did not answer within the route timeout' },
  'connect-failure': { status: 503, code: 'UPSTREAM_CONNECT_FAILURE', detail: 'no instance of the destination accepted a connection' },
  reset: { status: 502, code: 'UPSTREAM_RESET', detail: 'the connection to the destination broke before it answered' },
  aborted: { status: 499, code: 'CLIENT_CLOSED_REQUEST', detail: 'the caller went away' },
};

/**
 * Forwards calls for callers that do not embed the client, with the same policy engine the
 * client runs: route (cached, invalidated by the change log), healthy instances, splits,
 * balancing, retries, budget, ejection and circuit breaking. Every call is recorded for the
 * golden metrics.
 */
export class ProxyService {
  readonly transport = new UpstreamTransport();

  constructor(
    private readonly catalog: DestinationCatalog,
    private readonly routes: RouteCache,
    private readonly recorder: CallRecorder,
    private readonly log: FastifyBaseLogger,
  ) {}

  async forward(call: ProxiedCall): Promise<ProxyAnswer> {
    const started = performance.now();
    const record = (status: number) =>
      this.recorder.record({ source: call.source, destination: call.destination, status, latencyMs: performance.now() - started });
    const [route, entry] = await Promise.all([this.routes.get(call.source, call.destination), this.catalog.get(call.destination)]);
    const result = await entry.mesh.call({
      route: withDefaults(route.policy),
      endpoints: entry.discovery.healthy(),
      send: (instance, signal) => this.transport.send(instance, call, signal),
      statusOf: (response) => response.statusCode,
      discard: (response) => this.transport.discard(response),
      classifyError: classifyUpstreamError,
      signal: call.signal,
      onAttempt: (attempt) => {
        if (attempt.ejected) this.log.warn({ destination: call.destination, instanceId: attempt.endpoint.instanceId }, 'instance ejected');
      },
    });
    if (result.ok) {
      record(result.status);
      return { response: result.response, instanceId: result.endpoint.instanceId, attempts: result.attempts };
    }
    const failure = FAILURES[result.reason];
    if (result.reason !== 'aborted') record(0);
    throw new HttpProblem(failure.status, failure.code, `${call.destination}: ${failure.detail}`, {
      headers: result.reason === 'overflow' ? { 'x-trellis-overflow': 'true' } : {},
      extensions: { attempts: result.attempts },
    });
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
