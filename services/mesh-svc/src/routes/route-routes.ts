import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { etagOf, parseIfMatch, type RouteService } from '../route-service.js';
import { Route, RouteList, RoutePolicyInput, RouteSource, ServiceName } from '../schemas.js';

const RouteParams = Type.Object({ source: RouteSource, destination: ServiceName }, { additionalProperties: false });
const PreconditionHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 64, description: 'The ETag of the route being replaced (`*`: any existing route)' })),
  'if-none-match': Type.Optional(Type.Literal('*', { description: '`*`: only create, never replace' })),
});

export function routeRoutes(app: TrellisApp, routes: RouteService): void {
  app.put(
    '/v1/routes/:source/:destination',
    {
      schema: {
        operationId: 'putRoute',
        tags: ['routes'],
        summary: 'Create or replace the route a source uses for a destination',
        description:
          'Fields left out take their defaults. `*` as source sets the route of every caller without its own. Optimistic concurrency with If-Match (ETag = revision) or If-None-Match: *. Watchers are told at once.',
        params: RouteParams,
        headers: PreconditionHeaders,
        body: ref(RoutePolicyInput),
        response: { 200: ref(Route), 201: ref(Route), ...problemResponses(412) },
      },
    },
    async (request, reply) => {
      const { source, destination } = request.params;
      const { route, created } = await routes.put(source, destination, request.body, {
        ifMatch: parseIfMatch(request.headers['if-match']),
        ifNoneMatch: request.headers['if-none-match'] === '*',
      });
      reply.code(created ? 201 : 200).header('etag', etagOf(route.revision));
      if (created) reply.header('location', `/v1/routes/${source === '*' ? '%2A' : source}/${destination}`);
      return route;
    },
  );

  app.get(
    '/v1/routes/:source/:destination',
    {
      schema: {
        operationId: 'getRoute',
        tags: ['routes'],
        summary: 'The route a source uses for a destination: its own, else the `*` route, else the default',
        description: '`origin` says which. ETag is set when the route is stored under exactly this source.',
        params: RouteParams,
        response: { 200: ref(Route), ...problemResponses() },
      },
    },
    async (request, reply) => {
      const { source } = request.params;
      const route = await routes.effective(source, request.params.destination);
      const own = route.origin === 'explicit' || (source === '*' && route.origin === 'wildcard');
      if (own) reply.header('etag', etagOf(route.revision));
      return route;
    },
  );

  app.delete(
    '/v1/routes/:source/:destination',
    {
      schema: {
        operationId: 'deleteRoute',
        tags: ['routes'],
        summary: 'Delete a route; the source falls back to the `*` route, then the default',
        params: RouteParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 412) },
      },
    },
    async (request, reply) => {
      await routes.delete(request.params.source, request.params.destination, parseIfMatch(request.headers['if-match']));
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/v1/routes',
    {
      schema: {
        operationId: 'listRoutes',
        tags: ['routes'],
        summary: 'Stored routes, by destination then source, a page at a time',
        querystring: Type.Object(
          {
            destination: Type.Optional(ServiceName),
            cursor: Type.Optional(Type.String({ maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(RouteList), ...problemResponses() },
      },
    },
    async (request) => routes.list(request.query),
  );
}
