import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { LockService } from '../lock-service.js';
import { LockExtendRequest, LockGrant, LockName, LockReleaseRequest, LockRequest, LockState } from '../schemas.js';

const LockParams = Type.Object({ name: LockName }, { additionalProperties: false });

export function lockRoutes(app: TrellisApp, locks: LockService): void {
  app.post(
    '/v1/locks/:name',
    {
      schema: {
        operationId: 'acquireLock',
        tags: ['locks'],
        summary: 'Acquire a lock, optionally waiting for it',
        description:
          'Answers the token (the secret to extend and release with) and a fencing token that is larger than every one ' +
          'issued before for this lock. 409 with the holder and its expiry when the lock stays held for waitMs. Waiters ' +
          'are not queued in order.',
        params: LockParams,
        body: ref(LockRequest),
        response: { 201: ref(LockGrant), ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      // A waiting acquisition ends as soon as the client hangs up.
      const abandoned = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) abandoned.abort();
      };
      reply.raw.once('close', onClose);
      try {
        const grant = await locks.acquire(request.params.name, request.body, abandoned.signal);
        reply.code(201);
        return grant;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );

  app.put(
    '/v1/locks/:name',
    {
      schema: {
        operationId: 'extendLock',
        tags: ['locks'],
        summary: 'Extend a held lock (holder only)',
        description: '404 when nobody holds the lock any more; 409 when another token holds it. The fencing token is unchanged.',
        params: LockParams,
        body: ref(LockExtendRequest),
        response: { 200: ref(LockGrant), ...problemResponses(404, 409) },
      },
    },
    async (request) => locks.extend(request.params.name, request.body.token, request.body.ttlMs),
  );

  app.delete(
    '/v1/locks/:name',
    {
      schema: {
        operationId: 'releaseLock',
        tags: ['locks'],
        summary: 'Release a held lock (holder only)',
        description: 'Compare-and-delete: a stale token never releases the lock of whoever holds it now (409).',
        params: LockParams,
        body: ref(LockReleaseRequest),
        response: { 204: Type.Null({ description: 'Released' }), ...problemResponses(404, 409) },
      },
    },
    async (request, reply) => {
      await locks.release(request.params.name, request.body.token);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/v1/locks/:name',
    {
      schema: {
        operationId: 'getLock',
        tags: ['locks'],
        summary: 'Who holds a lock, and the newest fencing token issued for it',
        params: LockParams,
        response: { 200: ref(LockState), ...problemResponses() },
      },
    },
    async (request) => locks.get(request.params.name),
  );
}
