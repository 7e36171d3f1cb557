import { defaultBody, Nullable, problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { FlagsService } from '../flags-service.js';
import { Environment, EnvironmentList, EnvironmentName } from '../schemas.js';

const EnvironmentParams = Type.Object({ environment: EnvironmentName }, { additionalProperties: false });

export function environmentRoutes(app: TrellisApp, flags: FlagsService): void {
  app.get(
    '/v1/environments',
    {
      schema: {
        operationId: 'listEnvironments',
        tags: ['environments'],
        summary: 'Every environment with its revision and counts',
        response: { 200: ref(EnvironmentList), ...problemResponses() },
      },
    },
    async () => flags.listEnvironments(),
  );

  app.get(
    '/v1/environments/:environment',
    {
      schema: {
        operationId: 'getEnvironment',
        tags: ['environments'],
        summary: 'One environment',
        params: EnvironmentParams,
        response: { 200: ref(Environment), ...problemResponses(404) },
      },
    },
    async (request) => flags.getEnvironment(request.params.environment),
  );

  app.put(
    '/v1/environments/:environment',
    {
      schema: {
        operationId: 'putEnvironment',
        tags: ['environments'],
        summary: 'Create an environment (idempotent); writing a flag creates its environment too',
        params: EnvironmentParams,
        body: Type.Object(
          { description: Type.Optional(Nullable(Type.String({ maxLength: 2_000 }))) },
          { additionalProperties: false },
        ),
        response: { 200: ref(Environment), 201: ref(Environment), ...problemResponses() },
      },
      preValidation: defaultBody(() => ({})),
    },
    async (request, reply) => {
      const { created, environment } = await flags.putEnvironment(request.params.environment, request.body.description);
      reply.code(created ? 201 : 200);
      return environment;
    },
  );

  app.delete(
    '/v1/environments/:environment',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'deleteEnvironment',
        tags: ['environments'],
        summary: 'Delete an empty environment (409 while it holds flags or segments)',
        params: EnvironmentParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 409) },
      },
    },
    async (request, reply) => {
      await flags.deleteEnvironment(request.params.environment);
      reply.code(204);
      return null;
    },
  );
}
