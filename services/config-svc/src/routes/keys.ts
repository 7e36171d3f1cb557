import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { ConfigLimits } from '../config.js';
import type { ConfigService } from '../config-service.js';
import { notModified, preconditionsFrom } from '../preconditions.js';
import { ConfigEntry, HistoryPage, PutValueBody, RollbackBody } from '../schemas.js';
import { actorOf, DeleteHeaders, entryPath, KeyParams, ReadHeaders, WriteHeaders } from './common.js';

const EntryHeaders = {
  etag: { type: 'string', description: 'The quoted modRevision: send it as If-Match to write only over this version' },
  'x-config-revision': { type: 'integer', description: 'Namespace revision the answer is current at' },
};

export function keyRoutes(app: TrellisApp, config: ConfigService, limits: ConfigLimits): void {
  app.get(
    '/v1/config/:namespace/:key',
    {
      schema: {
        operationId: 'getConfigValue',
        tags: ['keys'],
        summary: 'Read one key: its value and metadata, with its ETag',
        params: KeyParams,
        headers: ReadHeaders,
        response: {
          200: { ...ref(ConfigEntry), headers: EntryHeaders },
          304: Type.Null({ description: 'Not modified: If-None-Match named the current ETag' }),
          ...problemResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { namespace, key } = request.params;
      const { entry, revision } = await config.getEntry(namespace, key);
      reply.header('etag', entry.etag).header('x-config-revision', String(revision));
      if (notModified(request.headers['if-none-match'], entry.modRevision)) {
        reply.code(304);
        return null;
      }
      return entry;
    },
  );

  app.put(
    '/v1/config/:namespace/:key',
    {
      // A little room for the {"value": ...} envelope; the value itself is measured exactly.
      bodyLimit: limits.maxValueBytes + 1_024,
      schema: {
        operationId: 'putConfigValue',
        tags: ['keys'],
        summary: 'Write one key (a new version); If-Match for compare-and-set',
        description: `The value is any JSON up to ${limits.maxValueBytes} bytes as compact JSON (413 beyond). A schema governing the key must accept it (422 with every error). Every write bumps the namespace revision and is appended to its history and change log.`,
        params: KeyParams,
        headers: WriteHeaders,
        body: ref(PutValueBody),
        response: {
          200: ref(ConfigEntry),
          201: ref(ConfigEntry),
          ...problemResponses(409, 412, 413, 415, 422, 428),
        },
      },
    },
    async (request, reply) => {
      const { namespace, key } = request.params;
      const conditions = preconditionsFrom(request.headers, { required: limits.requireIfMatch });
      const { entry, created } = await config.put(namespace, key, request.body.value, conditions, actorOf(request));
      reply.code(created ? 201 : 200).header('etag', entry.etag);
      if (created) reply.header('location', entryPath(namespace, key));
      return entry;
    },
  );

  app.delete(
    '/v1/config/:namespace/:key',
    {
      schema: {
        operationId: 'deleteConfigValue',
        tags: ['keys'],
        summary: 'Delete one key (recorded as a version in its history); If-Match for compare-and-delete',
        params: KeyParams,
        headers: DeleteHeaders,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problemResponses(404, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const { namespace, key } = request.params;
      const conditions = preconditionsFrom(request.headers, { required: limits.requireIfMatch });
      const { modRevision } = await config.remove(namespace, key, conditions, actorOf(request));
      reply.code(204).header('x-config-revision', String(modRevision));
      return null;
    },
  );

  app.get(
    '/v1/config/:namespace/:key/history',
    {
      schema: {
        operationId: 'getConfigHistory',
        tags: ['history'],
        summary: `The retained versions of a key, newest first (the last ${limits.historyLimit}, deletions included)`,
        params: KeyParams,
        querystring: Type.Object(
          {
            beforeVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: only versions older than this' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(HistoryPage), ...problemResponses(404) },
      },
    },
    async (request) => config.history(request.params.namespace, request.params.key, request.query),
  );

  app.post(
    '/v1/config/:namespace/:key/rollback',
    {
      schema: {
        operationId: 'rollbackConfigValue',
        tags: ['history'],
        summary: 'Write the value a retained version held, as a new version',
        description:
          'A rollback is an ordinary write (new version, new revision, change event with rollbackOf), checked against the schema governing the key today. 201 when it recreates a deleted key.',
        params: KeyParams,
        headers: WriteHeaders,
        body: ref(RollbackBody),
        response: {
          200: ref(ConfigEntry),
          201: ref(ConfigEntry),
          ...problemResponses(404, 409, 412, 422, 428),
        },
      },
    },
    async (request, reply) => {
      const { namespace, key } = request.params;
      const conditions = preconditionsFrom(request.headers, { required: limits.requireIfMatch });
      const { entry, created } = await config.rollback(namespace, key, request.body.toVersion, conditions, actorOf(request));
      reply.code(created ? 201 : 200).header('etag', entry.etag);
      if (created) reply.header('location', entryPath(namespace, key));
      return entry;
    },
  );
}
