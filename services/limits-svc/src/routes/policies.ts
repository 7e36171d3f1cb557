import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { type Definitions, etagOf, parseIfMatch } from '../definitions.js';
import type { RateLimitService } from '../rate-limit-service.js';
import { Adjustment, BlockRequest, ListQuery, MAX_AMOUNT, Name, Policy, PolicyList, PolicySpec, PolicyState, SubjectKey } from '../schemas.js';

const Params = Type.Object({ policy: Name }, { additionalProperties: false });
const KeyQuery = Type.Object({ key: SubjectKey }, { additionalProperties: false });

export function policyRoutes(app: TrellisApp, definitions: Definitions, limits: RateLimitService): void {
  app.put(
    '/v1/policies/:policy',
    {
      schema: {
        operationId: 'putPolicy',
        tags: ['policies'],
        summary: 'Create or replace a rate-limit policy',
        description:
          'Optional If-Match ("<revision>" or *) makes the write conditional: 412 with currentETag on mismatch. Every instance picks the change up from the change log at once. Changing algorithm or window starts subjects from a clean state; changing only limit, burst or flags keeps their counts.',
        params: Params,
        body: ref(PolicySpec),
        response: { 200: ref(Policy), 201: ref(Policy), ...problemResponses(412) },
      },
    },
    async (request, reply) => {
      const { created, policy } = await definitions.putPolicy(request.params.policy, request.body, parseIfMatch(request.headers['if-match']));
      reply.code(created ? 201 : 200).header('etag', etagOf(policy.revision));
      if (created) reply.header('location', `/v1/policies/${policy.name}`);
      return policy;
    },
  );

  app.get(
    '/v1/policies/:policy',
    {
      schema: {
        operationId: 'getPolicy',
        tags: ['policies'],
        summary: 'A policy, with its ETag',
        params: Params,
        response: { 200: ref(Policy), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const policy = await definitions.getPolicy(request.params.policy);
      reply.header('etag', etagOf(policy.revision));
      return policy;
    },
  );

  app.get(
    '/v1/policies',
    {
      schema: {
        operationId: 'listPolicies',
        tags: ['policies'],
        summary: 'Policies in name order, a page at a time',
        querystring: ListQuery,
        response: { 200: ref(PolicyList), ...problemResponses() },
      },
    },
    async (request) => definitions.listPolicies(request.query.cursor, request.query.limit),
  );

  app.delete(
    '/v1/policies/:policy',
    {
      schema: {
        operationId: 'deletePolicy',
        tags: ['policies'],
        summary: 'Delete a policy (subjects\' state expires on its own)',
        params: Params,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 412) },
      },
    },
    async (request, reply) => {
      await definitions.deletePolicy(request.params.policy, parseIfMatch(request.headers['if-match']));
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/v1/policies/:policy/usage',
    {
      schema: {
        operationId: 'peekPolicy',
        tags: ['rate limits'],
        summary: 'A subject\'s standing under a policy, consuming nothing',
        description: 'limited tells whether a call of `cost` (default 1) would be denied now; nothing is written.',
        params: Params,
        querystring: Type.Object(
          { key: SubjectKey, cost: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, default: 1 }) },
          { additionalProperties: false },
        ),
        response: { 200: ref(PolicyState), ...problemResponses(404, 422) },
      },
    },
    async (request) => limits.peek(request.params.policy, request.query.key, request.query.cost),
  );

  app.delete(
    '/v1/policies/:policy/usage',
    {
      schema: {
        operationId: 'resetPolicyKey',
        tags: ['rate limits'],
        summary: 'Reset a subject under a policy: its count and any block',
        params: Params,
        querystring: KeyQuery,
        response: { 204: Type.Null({ description: 'Reset' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await limits.reset(request.params.policy, request.query.key);
      reply.code(204);
      return null;
    },
  );

  for (const [action, sign, summary] of [
    ['penalty', 1, 'Penalty: consume points from a subject (beyond the limit if need be)'],
    ['reward', -1, 'Reward: give a subject points back (never beyond a fresh state)'],
  ] as const) {
    app.post(
      `/v1/policies/:policy/${action}`,
      {
        schema: {
          operationId: `${action}PolicyKey`,
          tags: ['rate limits'],
          summary,
          description: 'One script; answers the standing after the adjustment (limited: would a call of cost 1 be denied now).',
          params: Params,
          body: ref(Adjustment),
          response: { 200: ref(PolicyState), ...problemResponses(404) },
        },
      },
      async (request) => limits.adjust(request.params.policy, request.body.key, sign * request.body.points),
    );
  }

  app.post(
    '/v1/policies/:policy/block',
    {
      schema: {
        operationId: 'blockPolicyKey',
        tags: ['rate limits'],
        summary: 'Block a subject under a policy for a duration',
        description: 'Every check of the subject against this policy is denied (and charged nothing) until the block lapses or is lifted.',
        params: Params,
        body: ref(BlockRequest),
        response: { 200: ref(PolicyState), ...problemResponses(404) },
      },
    },
    async (request) => limits.block(request.params.policy, request.body.key, request.body.durationSeconds * 1_000),
  );

  app.delete(
    '/v1/policies/:policy/block',
    {
      schema: {
        operationId: 'unblockPolicyKey',
        tags: ['rate limits'],
        summary: 'Lift a subject\'s block under a policy',
        params: Params,
        querystring: KeyQuery,
        response: { 204: Type.Null({ description: 'Lifted' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await limits.unblock(request.params.policy, request.query.key);
      reply.code(204);
      return null;
    },
  );
}
