import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { FlagsService } from '../flags-service.js';
import { EnvironmentName, FlagName, FlagUsage, UsageReport } from '../schemas.js';
import { EnvironmentQuery, environmentOf, type RouteOptions } from './common.js';

export function usageRoutes(app: TrellisApp, flags: FlagsService, options: RouteOptions): void {
  app.get(
    '/v1/flags/:name/usage',
    {
      schema: {
        operationId: 'getFlagUsage',
        tags: ['usage'],
        summary: 'Evaluations of a flag per minute: yes/no and per variant',
        description: 'Counts from every flags-svc instance and from SDKs that report theirs (POST /v1/usage).',
        params: Type.Object({ name: FlagName }, { additionalProperties: false }),
        querystring: Type.Object(
          {
            environment: Type.Optional(EnvironmentName),
            minutes: Type.Integer({ minimum: 1, maximum: 1_440, default: 60, description: 'How far back, in minutes' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(FlagUsage), ...problemResponses() },
      },
    },
    async (request) => flags.usageOf(environmentOf(request, options), request.params.name, request.query.minutes),
  );

  app.post(
    '/v1/usage',
    {
      config: { scope: 'read' },
      schema: {
        operationId: 'reportUsage',
        tags: ['usage'],
        summary: 'Report evaluation counts from an SDK that evaluates locally',
        querystring: EnvironmentQuery,
        body: ref(UsageReport),
        response: { 202: Type.Null({ description: 'Counted' }), ...problemResponses() },
      },
    },
    async (request, reply) => {
      await flags.reportUsage(environmentOf(request, options), request.body);
      // Accepted, and nothing to say: no body. (Returning null would write the JSON text `null`,
      // a body the spec does not document; send(undefined) skips serialization.)
      return reply.code(202).send(undefined as unknown as null);
    },
  );
}
