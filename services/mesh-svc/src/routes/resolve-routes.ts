import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { ResolveService } from '../resolve-service.js';
import { Resolution, ServiceName } from '../schemas.js';

export function resolveRoutes(app: TrellisApp, resolver: ResolveService): void {
  app.get(
    '/v1/resolve/:source/:destination',
    {
      schema: {
        operationId: 'resolve',
        tags: ['resolve'],
        summary: 'The healthy instances a source should call for a destination, with their traffic shares after the route splits',
        description:
          'Live instances from registry-svc, less those health-svc reports critical or in maintenance (warning ones only when nothing passing is left). `effectiveWeight` is the percent of traffic each should get.',
        params: Type.Object({ source: ServiceName, destination: ServiceName }, { additionalProperties: false }),
        response: { 200: ref(Resolution), ...problemResponses() },
      },
    },
    async (request) => resolver.resolve(request.params.source, request.params.destination),
  );
}
