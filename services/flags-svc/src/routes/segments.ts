import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { FlagsService } from '../flags-service.js';
import { etagOf } from '../preconditions.js';
import { SegmentId, SegmentInput, SegmentList, SegmentRecord } from '../schemas.js';
import { actorOf, EnvironmentQuery, environmentOf, preconditionsOf, type RouteOptions, WriteHeaders } from './common.js';

const SegmentParams = Type.Object({ id: SegmentId }, { additionalProperties: false });

export function segmentRoutes(app: TrellisApp, flags: FlagsService, options: RouteOptions): void {
  app.get(
    '/v1/segments',
    {
      schema: {
        operationId: 'listSegments',
        tags: ['segments'],
        summary: 'Every segment of an environment',
        querystring: EnvironmentQuery,
        response: { 200: ref(SegmentList), ...problemResponses() },
      },
    },
    async (request) => flags.listSegments(environmentOf(request, options)),
  );

  app.post(
    '/v1/segments',
    {
      schema: {
        operationId: 'createSegment',
        tags: ['segments'],
        summary: 'Create a segment (an id is allocated unless the body names one)',
        querystring: EnvironmentQuery,
        body: ref(SegmentInput),
        response: { 201: ref(SegmentRecord), ...problemResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const env = environmentOf(request, options);
      const { record } = await flags.putSegment(env, undefined, request.body, {}, actorOf(request));
      reply.code(201).header('etag', etagOf(record.meta.modRevision));
      reply.header('location', `/v1/segments/${record.segment.id}?environment=${encodeURIComponent(env)}`);
      return record;
    },
  );

  app.get(
    '/v1/segments/:id',
    {
      schema: {
        operationId: 'getSegment',
        tags: ['segments'],
        summary: 'One segment; ETag for If-Match',
        params: SegmentParams,
        querystring: EnvironmentQuery,
        response: { 200: ref(SegmentRecord), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const record = await flags.getSegment(environmentOf(request, options), request.params.id);
      reply.header('etag', etagOf(record.meta.modRevision));
      return record;
    },
  );

  app.put(
    '/v1/segments/:id',
    {
      schema: {
        operationId: 'putSegment',
        tags: ['segments'],
        summary: 'Create or replace a segment (If-Match / If-None-Match)',
        params: SegmentParams,
        querystring: EnvironmentQuery,
        headers: WriteHeaders,
        body: ref(SegmentInput),
        response: { 200: ref(SegmentRecord), 201: ref(SegmentRecord), ...problemResponses(412, 422, 428) },
      },
    },
    async (request, reply) => {
      const env = environmentOf(request, options);
      const { created, record } = await flags.putSegment(env, request.params.id, request.body, preconditionsOf(request), actorOf(request));
      reply.code(created ? 201 : 200).header('etag', etagOf(record.meta.modRevision));
      return record;
    },
  );

  app.delete(
    '/v1/segments/:id',
    {
      schema: {
        operationId: 'deleteSegment',
        tags: ['segments'],
        summary: 'Delete a segment (409 while a flag uses it)',
        params: SegmentParams,
        querystring: EnvironmentQuery,
        headers: WriteHeaders,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await flags.deleteSegment(environmentOf(request, options), request.params.id, preconditionsOf(request));
      reply.code(204);
      return null;
    },
  );
}
