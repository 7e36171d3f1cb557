import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { type Definitions, etagOf, parseIfMatch } from '../definitions.js';
import type { QuotaService } from '../quota-service.js';
import { ListQuery, Name, Quota, QuotaChange, QuotaExceededProblem, QuotaList, QuotaSpec, QuotaUsage, SubjectKey } from '../schemas.js';

const Params = Type.Object({ quota: Name }, { additionalProperties: false });

export function quotaRoutes(app: TrellisApp, definitions: Definitions, quotas: QuotaService): void {
  app.put(
    '/v1/quotas/:quota',
    {
      schema: {
        operationId: 'putQuota',
        tags: ['quotas'],
        summary: 'Set a quota\'s limit per calendar period in a time zone',
        description: 'Optional If-Match ("<revision>" or *): 412 with currentETag on mismatch. 400 INVALID_DEFINITION for an unknown time zone.',
        params: Params,
        body: ref(QuotaSpec),
        response: { 200: ref(Quota), 201: ref(Quota), ...problemResponses(412) },
      },
    },
    async (request, reply) => {
      const { created, quota } = await definitions.putQuota(request.params.quota, request.body, parseIfMatch(request.headers['if-match']));
      reply.code(created ? 201 : 200).header('etag', etagOf(quota.revision));
      if (created) reply.header('location', `/v1/quotas/${quota.name}`);
      return quota;
    },
  );

  app.get(
    '/v1/quotas/:quota',
    {
      schema: {
        operationId: 'getQuota',
        tags: ['quotas'],
        summary: 'A quota definition, with its ETag',
        params: Params,
        response: { 200: ref(Quota), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const quota = await definitions.getQuota(request.params.quota);
      reply.header('etag', etagOf(quota.revision));
      return quota;
    },
  );

  app.get(
    '/v1/quotas',
    {
      schema: {
        operationId: 'listQuotas',
        tags: ['quotas'],
        summary: 'Quotas in name order, a page at a time',
        querystring: ListQuery,
        response: { 200: ref(QuotaList), ...problemResponses() },
      },
    },
    async (request) => definitions.listQuotas(request.query.cursor, request.query.limit),
  );

  app.delete(
    '/v1/quotas/:quota',
    {
      schema: {
        operationId: 'deleteQuota',
        tags: ['quotas'],
        summary: 'Delete a quota (consuming it then answers 404)',
        params: Params,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 412) },
      },
    },
    async (request, reply) => {
      await definitions.deleteQuota(request.params.quota, parseIfMatch(request.headers['if-match']));
      reply.code(204);
      return null;
    },
  );

  app.post(
    '/v1/quotas/:quota/consume',
    {
      schema: {
        operationId: 'consumeQuota',
        tags: ['quotas'],
        summary: 'Consume from a subject\'s quota for the current period, only if it all fits',
        description:
          'Checks before it charges, in one script: 200 with the usage when charged; 429 problem+json (QUOTA_EXCEEDED, Retry-After = until the period ends) when refused, and nothing is charged. 404 QUOTA_NOT_FOUND when the quota has no limit set.',
        params: Params,
        body: ref(QuotaChange),
        response: { 200: ref(QuotaUsage), 429: ref(QuotaExceededProblem), ...problemResponses(404) },
      },
    },
    async (request) => quotas.consume(request.params.quota, request.body.key, request.body.amount),
  );

  app.post(
    '/v1/quotas/:quota/refund',
    {
      schema: {
        operationId: 'refundQuota',
        tags: ['quotas'],
        summary: 'Give back part of what the current period used (never below zero)',
        params: Params,
        body: ref(QuotaChange),
        response: { 200: ref(QuotaUsage), ...problemResponses(404) },
      },
    },
    async (request) => quotas.refund(request.params.quota, request.body.key, request.body.amount),
  );

  app.get(
    '/v1/quotas/:quota/usage',
    {
      schema: {
        operationId: 'getQuotaUsage',
        tags: ['quotas'],
        summary: 'A subject\'s usage in the current period',
        params: Params,
        querystring: Type.Object({ key: SubjectKey }, { additionalProperties: false }),
        response: { 200: ref(QuotaUsage), ...problemResponses(404) },
      },
    },
    async (request) => quotas.getUsage(request.params.quota, request.query.key),
  );
}
