import { problemResponses, ref, replyWithProblem, type TrellisApp, thenOrNow } from '@trellis/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { rateLimitHeaders } from '../rate-limit-headers.js';
import type { RateLimitService } from '../rate-limit-service.js';
import { CheckRequest, Decision, MultiCheckRequest, Name, RateLimitedProblem } from '../schemas.js';

const CHECK_DESCRIPTION =
  'ONE EVALSHA, time from Redis. Admitted: 200 with the decision. Denied: 429 application/problem+json (code RATE_LIMITED) carrying the same decision members, with Retry-After. Both carry the IETF RateLimit and RateLimit-Policy fields (draft 11). Shadow policies are decided and reported (limited) but always admit. A subject known here to be over its limit is answered from this instance\'s cache without Redis (source: cache); while Redis is unreachable each policy\'s failMode answers (source: fail-open / fail-closed). 404 POLICY_NOT_FOUND for an undefined policy; 422 COST_EXCEEDS_LIMIT for a cost no state could ever admit.';

/** Admitted: the decision. Denied: a 429 problem carrying it, answered without a throw (the hot refusal path). */
function send(decision: Decision, request: FastifyRequest, reply: FastifyReply) {
  if (decision.allowed) {
    reply.headers(rateLimitHeaders(decision.results));
    return decision;
  }
  const headers = rateLimitHeaders(decision.results, decision.retryAfterMs);
  const problem = {
    status: 429,
    code: 'RATE_LIMITED',
    detail: `Denied by policy ${decision.policy}; retry in ${decision.retryAfterMs} ms`,
    headers,
    // Spelled out rather than spread: one fixed shape for V8 and the serializer on the hot refusal path.
    extensions: {
      allowed: decision.allowed,
      limited: decision.limited,
      policy: decision.policy,
      limit: decision.limit,
      remaining: decision.remaining,
      resetAfterMs: decision.resetAfterMs,
      retryAfterMs: decision.retryAfterMs,
      retryAfterSeconds: Number(headers['retry-after']),
      source: decision.source,
      serverTimeMs: decision.serverTimeMs,
      results: decision.results,
    },
  };
  // The body carries the decision's members: the 429 schema's shape.
  return replyWithProblem(request, reply, problem) as Static<typeof RateLimitedProblem>;
}

/**
 * A check is asked on every request of the caller's own service: an info line per decision would
 * double the platform's log volume and cost more than the decision. Decisions, 429s included
 * (a check's ordinary "no"), log at debug; their counts are in the metrics by status.
 */
const DECISION_ROUTE = { accessLog: 'debug', expectedStatuses: [429] } as const;

export function checkRoutes(app: TrellisApp, limits: RateLimitService): void {
  app.post(
    '/v1/policies/:policy/check',
    {
      config: DECISION_ROUTE,
      schema: {
        operationId: 'checkPolicy',
        tags: ['rate limits'],
        summary: 'Decide (and charge) one call of a subject against one policy',
        description: CHECK_DESCRIPTION,
        params: Type.Object({ policy: Name }, { additionalProperties: false }),
        body: ref(CheckRequest),
        response: { 200: ref(Decision), 429: ref(RateLimitedProblem), ...problemResponses(404, 422) },
      },
    },
    // Not async: a cached denial is at hand and is sent without a promise.
    (request, reply) => thenOrNow(limits.check([request.params.policy], request.body.key, request.body.cost), (decision) => send(decision, request, reply)),
  );

  app.post(
    '/v1/check',
    {
      config: DECISION_ROUTE,
      schema: {
        operationId: 'checkPolicies',
        tags: ['rate limits'],
        summary: 'Decide one call of a subject against several policies in one atomic step',
        description: `${CHECK_DESCRIPTION} All policies are decided in ONE script over keys that share the subject's hash tag; a call denied by any enforced policy is charged to none (a policy that itself denied and has chargeRejected still counts it). The top-level members name the most restrictive policy.`,
        body: ref(MultiCheckRequest),
        response: { 200: ref(Decision), 429: ref(RateLimitedProblem), ...problemResponses(404, 422) },
      },
    },
    (request, reply) => thenOrNow(limits.check(request.body.policies, request.body.key, request.body.cost), (decision) => send(decision, request, reply)),
  );
}
