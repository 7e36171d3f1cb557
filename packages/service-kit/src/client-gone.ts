import type { FastifyReply } from 'fastify';

/**
 * Aborts when the caller disconnects before its response was sent, so a long-poll stops
 * waiting for a client that is no longer there.
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
