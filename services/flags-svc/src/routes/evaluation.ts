import { defaultBody, problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import type { FlagsService } from '../flags-service.js';
import { EvaluateRequest, EvaluateResponse } from '../schemas.js';
import { EnvironmentQuery, environmentOf, type RouteOptions } from './common.js';

export function evaluationRoutes(app: TrellisApp, flags: FlagsService, options: RouteOptions): void {
  app.post(
    '/v1/evaluate',
    {
      config: { scope: 'read' },
      schema: {
        operationId: 'evaluateFlags',
        tags: ['evaluation'],
        summary: 'Evaluate one flag (flag) or every flag for a context',
        description:
          'Answers from the in-memory snapshot of the environment (no Redis round trip): value, variant, reason and errorCode in OpenFeature vocabulary, plus the Unleash view (enabled, variantDetail). An unknown flag answers reason ERROR, errorCode FLAG_NOT_FOUND.',
        querystring: EnvironmentQuery,
        body: ref(EvaluateRequest),
        response: { 200: ref(EvaluateResponse), ...problemResponses() },
      },
      preValidation: defaultBody(() => ({})),
    },
    async (request) => flags.evaluate(environmentOf(request, options), request.body.flag, request.body.context),
  );
}
