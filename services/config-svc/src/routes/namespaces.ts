import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { ConfigService } from '../config-service.js';
import { etagOf, notModified, parseEtagCondition } from '../preconditions.js';
import { KeyPrefix, NamespaceList, NamespaceSnapshot } from '../schemas.js';
import { NamespaceParams, ReadHeaders } from './common.js';

export function namespaceRoutes(app: TrellisApp, config: ConfigService): void {
  app.get(
    '/v1/config/:namespace',
    {
      schema: {
        operationId: 'getConfigSnapshot',
        tags: ['namespaces'],
        summary: 'The whole namespace as one snapshot at one revision',
        description:
          'Read in one Redis step, so every entry is as of `revision` (also the ETag). Watch from that revision to miss nothing. An empty or unknown namespace is an empty snapshot at revision 0.',
        params: NamespaceParams,
        headers: ReadHeaders,
        querystring: Type.Object({ prefix: Type.Optional(KeyPrefix) }, { additionalProperties: false }),
        response: {
          200: ref(NamespaceSnapshot),
          304: Type.Null({ description: 'Not modified: If-None-Match named the current revision' }),
          ...problemResponses(),
        },
      },
    },
    async (request, reply) => {
      const { namespace } = request.params;
      const condition = parseEtagCondition(request.headers['if-none-match'], 'If-None-Match', { weakMatches: true });
      // With a single known revision the script skips reading the values when nothing changed.
      const known = /^\d+$/.test(condition) ? Number(condition) : undefined;
      const { revision, entries } = await config.snapshot(namespace, { prefix: request.query.prefix, knownRevision: known });
      reply.header('etag', etagOf(revision));
      if (entries === undefined || notModified(request.headers['if-none-match'], revision)) {
        reply.code(304);
        return null;
      }
      return { namespace, revision, entries };
    },
  );

  app.get(
    '/v1/config',
    {
      schema: {
        operationId: 'listConfigNamespaces',
        tags: ['namespaces'],
        summary: 'Namespaces that hold keys or schemas, in name order, a page at a time',
        querystring: Type.Object(
          {
            prefix: Type.String({ pattern: '^[A-Za-z0-9_./-]*$', maxLength: 128, default: '', description: 'Only names starting with this' }),
            cursor: Type.Optional(Type.String({ maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(NamespaceList), ...problemResponses() },
      },
    },
    async (request) => config.listNamespaces(request.query),
  );
}
