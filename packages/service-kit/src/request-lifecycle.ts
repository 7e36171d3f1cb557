import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './metrics.js';
import type { ProbeState } from './probes.js';

/**
 * What every request goes through, in callback hooks rather than async ones: the request id
 * echoed back, one access-log line and the duration histogram. Each async hook costs a promise
 * and a microtask per request, and this is the hot path of every service (bench/ measures it).
 */
export function registerRequestLifecycle(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const config = request.routeOptions.config;
    const ordinary = reply.statusCode < 400 || config?.expectedStatuses?.includes(reply.statusCode) === true;
    const level = ordinary ? (config?.accessLog ?? 'info') : 'info';
    request.log[level]({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}

/**
 * While shutting down, answer with `Connection: close` (callers reconnect elsewhere instead of
 * reusing a connection to an instance going away), close connections as soon as they carry no
 * request, and all of them once no request is in flight: keep-alive sockets (and ones a client
 * opened but never used, or abandoned mid-request) would otherwise hold the server open until
 * the client's own timeout.
 */
export function registerConnectionDraining(app: FastifyInstance, state: ProbeState): void {
  const inFlight = new Set<string>();
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onRequest', (request, reply, done) => {
    inFlight.add(request.id);
    // 'close' fires once the response is done, hijacked (SSE) or cut off: every way out.
    reply.raw.once('close', () => inFlight.delete(request.id));
    if (state.draining) reply.header('connection', 'close');
    done();
  });
  app.addHook('preClose', async () => {
    state.draining = true;
    sweeper = setInterval(() => {
      if (inFlight.size === 0) app.server.closeAllConnections();
      else app.server.closeIdleConnections();
    }, 50);
    sweeper.unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));
}
