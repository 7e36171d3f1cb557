import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * A preValidation hook that lets a route take a bare POST/PUT (no body) as `make()`. A callback
 * hook, not an async one: some of these routes are hot paths (OFREP, heartbeats), and an async
 * hook costs a promise and a microtask per request.
 */
export function defaultBody(make: () => object) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    request.body ??= make();
    done();
  };
}
