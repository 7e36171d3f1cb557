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
    // routeOptions is a getter that builds a new object on each read: read it once.
    const config = request.routeOptions.config;
    const statusCode = reply.statusCode;
    const responseTime = reply.elapsedTime;
    const ordinary = statusCode < 400 || config?.expectedStatuses?.includes(statusCode) === true;
    const level = ordinary ? (config?.accessLog ?? 'info') : 'info';
    // Through the service's logger with the id in the line, the same line the request's own
    // child would write: that child is only made when a request logs something itself.
    app.log[level]({ reqId: request.id, req: request, res: reply, responseTime }, 'request completed');
    metrics.observeRequest(request.method, config?.url, statusCode, responseTime);
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
  // A count, not a set of ids: a caller may send the same X-Request-Id on concurrent requests.
  let inFlight = 0;
  const settle = () => {
    inFlight -= 1;
  };
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight += 1;
    // 'close' fires once the response is done, hijacked (SSE) or cut off: every way out, once.
    reply.raw.on('close', settle);
    if (state.draining) reply.header('connection', 'close');
    done();
  });
  app.addHook('preClose', async () => {
    state.draining = true;
    sweeper = setInterval(() => {
      if (inFlight === 0) app.server.closeAllConnections();
      else app.server.closeIdleConnections();
    }, 50);
    sweeper.unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));
}
