import { HttpProblem, problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import { ifNoneMatchHits, parseIfMatch, parseIfNoneMatchForWrite } from '../etag.js';
import { DOCUMENT_KEY_PATTERN, DocumentKey, KeyPage, Namespace, PutDocumentBody, type StateDocument } from '../schemas.js';
import type { StateService } from '../state-service.js';
import { actorOf, fenceClaim, requireContentType, WRITE_HEADERS, type WriteHeaders } from './write-headers.js';

export const MERGE_PATCH = 'application/merge-patch+json';

const DocumentParams = Type.Object({ namespace: Namespace, key: DocumentKey }, { additionalProperties: false });
const NamespaceParams = Type.Object({ namespace: Namespace }, { additionalProperties: false });
const ETAG_HEADER = { etag: { type: 'string', description: 'The version, quoted ("12"): send it back as If-Match' } };
/** A StateDocument response that also documents its ETag header. */
const documentWithETag = (description: string) =>
  Type.Unsafe<StateDocument>({ $ref: 'StateDocument#', description, headers: ETAG_HEADER });
const documentPath = (namespace: string, key: string) => `/v1/state/${namespace}/${key}`;
const KEY = new RegExp(DOCUMENT_KEY_PATTERN);

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!KEY.test(key)) throw new HttpProblem(400, 'INVALID_CURSOR', 'cursor is not one this service issued');
  return key;
}

export function documentRoutes(app: TrellisApp, state: StateService): void {
  app.put(
    '/v1/state/:namespace/:key',
    {
      onRequest: requireContentType('application/json'),
      schema: {
        operationId: 'putDocument',
        tags: ['documents'],
        summary: 'Create or replace a document',
        description:
          'If-Match: "<version>" (or *) makes it a compare-and-set; If-None-Match: * creates only. Answers the ETag. ' +
          'A TTL applies to this version only: a PUT without ttlMs makes the document permanent. ' +
          'X-Fencing-Lock + X-Fencing-Token refuse the write (409) when a newer token exists for that lock.',
        params: DocumentParams,
        headers: Type.Object({ ...WRITE_HEADERS, 'if-none-match': Type.Optional(Type.String({ minLength: 1, maxLength: 16 })) }),
        body: ref(PutDocumentBody),
        response: { 200: documentWithETag('Replaced'), 201: documentWithETag('Created'), ...problemResponses(409, 412, 413, 415) },
      },
    },
    async (request, reply) => {
      const { namespace, key } = request.params;
      const headers = request.headers as WriteHeaders & { 'if-none-match'?: string };
      const { created, document } = await state.put(namespace, key, request.body, {
        ifMatch: parseIfMatch(headers['if-match']),
        ifNoneMatch: parseIfNoneMatchForWrite(headers['if-none-match']),
        fence: fenceClaim(headers),
        actor: actorOf(request, headers),
      });
      reply.code(created ? 201 : 200).header('etag', document.etag);
      if (created) reply.header('location', documentPath(namespace, key));
      return document;
    },
  );

  app.get(
    '/v1/state/:namespace/:key',
    {
      schema: {
        operationId: 'getDocument',
        tags: ['documents'],
        summary: 'Read a document with its ETag',
        description: 'If-None-Match with the ETag you hold answers 304 while the document is unchanged.',
        params: DocumentParams,
        headers: Type.Object({ 'if-none-match': Type.Optional(Type.String({ minLength: 1, maxLength: 2_048 })) }),
        response: { 200: documentWithETag('The document'), 304: Type.Null({ description: 'Not modified' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const document = await state.get(request.params.namespace, request.params.key);
      reply.header('etag', document.etag).header('cache-control', 'no-cache').header('accept-patch', MERGE_PATCH);
      if (ifNoneMatchHits(request.headers['if-none-match'], document.version)) {
        reply.code(304);
        return null;
      }
      return document;
    },
  );

  app.patch(
    '/v1/state/:namespace/:key',
    {
      onRequest: requireContentType(MERGE_PATCH, true),
      schema: {
        operationId: 'patchDocument',
        tags: ['documents'],
        summary: "Apply a JSON Merge Patch (RFC 7396) to a document's data",
        description:
          'Content-Type application/merge-patch+json; If-Match is required (428 without it). null removes a member, ' +
          'arrays are replaced whole. The TTL is kept.',
        consumes: [MERGE_PATCH],
        params: DocumentParams,
        headers: Type.Object({ ...WRITE_HEADERS }),
        body: Type.Unknown({ description: 'A JSON Merge Patch document for data' }),
        response: { 200: documentWithETag('Patched'), ...problemResponses(404, 409, 412, 413, 415, 428) },
      },
    },
    async (request, reply) => {
      const { namespace, key } = request.params;
      const headers = request.headers as WriteHeaders;
      const ifMatch = parseIfMatch(headers['if-match']);
      if (!ifMatch) {
        throw new HttpProblem(428, 'PRECONDITION_REQUIRED', 'PATCH needs If-Match with the ETag you read (or * for any version)');
      }
      const document = await state.patch(namespace, key, request.body, {
        ifMatch,
        fence: fenceClaim(headers),
        actor: actorOf(request, headers),
      });
      reply.header('etag', document.etag);
      return document;
    },
  );

  app.delete(
    '/v1/state/:namespace/:key',
    {
      schema: {
        operationId: 'deleteDocument',
        tags: ['documents'],
        summary: 'Delete a document',
        description: 'If-Match makes the delete conditional; fencing headers work as for PUT.',
        params: DocumentParams,
        headers: Type.Object({ ...WRITE_HEADERS }),
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(404, 409, 412) },
      },
    },
    async (request, reply) => {
      const headers = request.headers as WriteHeaders;
      await state.delete(request.params.namespace, request.params.key, {
        ifMatch: parseIfMatch(headers['if-match']),
        fence: fenceClaim(headers),
      });
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/v1/state/:namespace',
    {
      schema: {
        operationId: 'listDocuments',
        tags: ['documents'],
        summary: "One page of a namespace's keys, in key order",
        description:
          'Reads the namespace index, never a keyspace scan. A page may hold fewer than limit items while nextCursor ' +
          'is set (expired entries are dropped as they are met); the end is nextCursor = null.',
        params: NamespaceParams,
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' })),
            // No schema default: generated clients would then demand the parameter (see README).
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, description: 'Page size, default 100' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(KeyPage), ...problemResponses() },
      },
    },
    async (request) => state.list(request.params.namespace, decodeCursor(request.query.cursor), request.query.limit ?? 100),
  );
}
