import { HttpProblem, MapOf, problemResponses, ref, StringEnum, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { RESERVED_FLAG_NAMES } from '../flag-model.js';
import type { FlagsService } from '../flags-service.js';
import { etagOf, ifNoneMatchHits } from '../preconditions.js';
import { FeaturesDocument, FlagInput, FlagName, FlagPage, FlagRecord, ImportDocument, ImportResult } from '../schemas.js';
import { actorOf, EnvironmentName, environmentOf, preconditionsOf, type RouteOptions, WriteHeaders } from './common.js';

const FlagParams = Type.Object({ name: FlagName }, { additionalProperties: false });
const EnvQuery = Type.Object({ environment: Type.Optional(EnvironmentName) }, { additionalProperties: false });
function assertWritableName(name: string): void {
  if (RESERVED_FLAG_NAMES.has(name)) throw new HttpProblem(400, 'RESERVED_NAME', `"${name}" is reserved for /v1/flags/${name}`);
}

export function flagRoutes(app: TrellisApp, flags: FlagsService, options: RouteOptions): void {
  app.get(
    '/v1/flags',
    {
      schema: {
        operationId: 'listFlags',
        tags: ['flags'],
        summary: 'Flags of an environment in name order, a page at a time',
        querystring: Type.Object(
          {
            environment: Type.Optional(EnvironmentName),
            cursor: Type.Optional(Type.String({ maxLength: 256, description: 'nextCursor of the previous page' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            prefix: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._~-]+$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(FlagPage), ...problemResponses() },
      },
    },
    async (request) => flags.listFlags(environmentOf(request, options), request.query.cursor, request.query.limit, request.query.prefix),
  );

  app.get(
    '/v1/flags/:name',
    {
      schema: {
        operationId: 'getFlag',
        tags: ['flags'],
        summary: 'One flag with its version metadata; ETag for If-Match',
        params: FlagParams,
        querystring: EnvQuery,
        response: { 200: ref(FlagRecord), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const record = await flags.getFlag(environmentOf(request, options), request.params.name);
      reply.header('etag', etagOf(record.meta.modRevision));
      return record;
    },
  );

  app.put(
    '/v1/flags/:name',
    {
      schema: {
        operationId: 'putFlag',
        tags: ['flags'],
        summary: 'Create or replace a flag (shorthand strategies accepted)',
        description:
          'Strategies may be Unleash strategies or the shorthands all, none, percentage {percentage, stickiness?, groupId?}, user_list {userIds}, group {groups}; they are stored expanded. If-Match: the ETag you read (412 when the flag moved on); If-None-Match: * creates only. Referenced segments and parent flags must exist (422).',
        params: FlagParams,
        querystring: EnvQuery,
        headers: WriteHeaders,
        body: ref(FlagInput),
        response: { 200: ref(FlagRecord), 201: ref(FlagRecord), ...problemResponses(412, 422, 428) },
      },
    },
    async (request, reply) => {
      assertWritableName(request.params.name);
      const env = environmentOf(request, options);
      const { created, record } = await flags.putFlag(env, request.params.name, request.body, preconditionsOf(request), actorOf(request));
      reply.code(created ? 201 : 200).header('etag', etagOf(record.meta.modRevision));
      if (created) reply.header('location', `/v1/flags/${record.flag.name}?environment=${encodeURIComponent(env)}`);
      return record;
    },
  );

  app.patch(
    '/v1/flags/:name',
    {
      schema: {
        operationId: 'patchFlag',
        tags: ['flags'],
        summary: 'Change part of a flag (JSON Merge Patch, RFC 7396)',
        description:
          'Send application/merge-patch+json. With If-Match the patch applies only to that version (412 otherwise); without, it is applied to the latest version atomically.',
        params: FlagParams,
        querystring: EnvQuery,
        headers: WriteHeaders,
        body: MapOf(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 32, description: 'A JSON Merge Patch of FlagInput' }),
        response: { 200: ref(FlagRecord), ...problemResponses(404, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      const record = await flags.patchFlag(
        environmentOf(request, options),
        request.params.name,
        request.body,
        preconditionsOf(request),
        actorOf(request),
      );
      reply.header('etag', etagOf(record.meta.modRevision));
      return record;
    },
  );

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(
      `/v1/flags/:name/${action}`,
      {
        schema: {
          operationId: `${action}Flag`,
          tags: ['flags'],
          summary: `Turn a flag ${enabled ? 'on' : 'off'} in an environment`,
          params: FlagParams,
          querystring: EnvQuery,
          headers: WriteHeaders,
          response: { 200: ref(FlagRecord), ...problemResponses(404, 412, 428) },
        },
      },
      async (request, reply) => {
        const record = await flags.patchFlag(
          environmentOf(request, options),
          request.params.name,
          { enabled },
          preconditionsOf(request),
          actorOf(request),
        );
        reply.header('etag', etagOf(record.meta.modRevision));
        return record;
      },
    );
  }

  app.delete(
    '/v1/flags/:name',
    {
      schema: {
        operationId: 'deleteFlag',
        tags: ['flags'],
        summary: 'Delete a flag (409 while another flag depends on it)',
        params: FlagParams,
        querystring: EnvQuery,
        headers: WriteHeaders,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await flags.deleteFlag(environmentOf(request, options), request.params.name, preconditionsOf(request));
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/v1/flags/export',
    {
      schema: {
        operationId: 'exportFlags',
        tags: ['import-export'],
        summary: "The environment as Unleash's client features document, at one revision",
        description:
          'What SDKs that evaluate locally start from: `meta.revision` is where to start watching. ETag / If-None-Match (304).',
        querystring: Type.Object(
          {
            format: Type.Literal('unleash', { default: 'unleash' }),
            environment: Type.Optional(EnvironmentName),
            project: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(FeaturesDocument), 304: Type.Null({ description: 'Not modified' }), ...problemResponses() },
      },
    },
    async (request, reply) => {
      const doc = await flags.exportDocument(environmentOf(request, options), request.query.project);
      reply.header('etag', doc.meta.etag).header('cache-control', 'no-cache');
      if (ifNoneMatchHits(request.headers['if-none-match'], doc.meta.etag)) {
        reply.code(304);
        return null;
      }
      return doc;
    },
  );

  app.post(
    '/v1/flags/import',
    {
      bodyLimit: options.importBodyLimitBytes,
      schema: {
        operationId: 'importFlags',
        tags: ['import-export'],
        summary: "Import Unleash's client features document (features and segments) as it is",
        description:
          'One atomic step. mode=upsert (default) adds and replaces what the document holds; mode=replace also deletes what it lacks. The resulting environment must be valid as a whole (422 lists the problems); lenient=true accepts invalid rules as Unleash does (they never match).',
        querystring: Type.Object(
          {
            format: Type.Literal('unleash', { default: 'unleash' }),
            environment: Type.Optional(EnvironmentName),
            mode: StringEnum(['upsert', 'replace'], { default: 'upsert' }),
            lenient: Type.Boolean({ default: false }),
          },
          { additionalProperties: false },
        ),
        body: ref(ImportDocument),
        response: { 200: ref(ImportResult), ...problemResponses(409, 413, 422) },
      },
    },
    async (request) =>
      flags.importDocument(
        environmentOf(request, options),
        request.body as { features: Record<string, unknown>[]; segments?: Record<string, unknown>[] },
        { replace: request.query.mode === 'replace', lenient: request.query.lenient },
        actorOf(request),
      ),
  );
}
