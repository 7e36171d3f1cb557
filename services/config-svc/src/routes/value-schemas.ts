import { problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { ConfigLimits } from '../config.js';
import type { ConfigService } from '../config-service.js';
import { notModified, preconditionsFrom } from '../preconditions.js';
import { ValueSchema, ValueSchemaBody, ValueSchemaList } from '../schemas.js';
import { actorOf, DeleteHeaders, NamespaceParams, ReadHeaders, SelectorParams, WriteHeaders } from './common.js';

export function valueSchemaRoutes(app: TrellisApp, config: ConfigService, limits: ConfigLimits): void {
  app.get(
    '/v1/config/:namespace/_schemas',
    {
      schema: {
        operationId: 'listValueSchemas',
        tags: ['schemas'],
        summary: 'The JSON Schemas that govern the values of this namespace',
        params: NamespaceParams,
        response: { 200: ref(ValueSchemaList), ...problemResponses() },
      },
    },
    async (request) => config.listSchemas(request.params.namespace),
  );

  app.get(
    '/v1/config/:namespace/_schemas/:selector',
    {
      schema: {
        operationId: 'getValueSchema',
        tags: ['schemas'],
        summary: 'One value schema',
        params: SelectorParams,
        headers: ReadHeaders,
        response: { 200: ref(ValueSchema), 304: Type.Null({ description: 'Not modified' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const schema = await config.getSchema(request.params.namespace, request.params.selector);
      reply.header('etag', schema.etag);
      if (notModified(request.headers['if-none-match'], schema.revision)) {
        reply.code(304);
        return null;
      }
      return schema;
    },
  );

  app.put(
    '/v1/config/:namespace/_schemas/:selector',
    {
      config: { scope: 'admin' },
      bodyLimit: limits.maxSchemaBytes + 1_024,
      schema: {
        operationId: 'putValueSchema',
        tags: ['schemas'],
        summary: 'Set the JSON Schema of a key (`timeout`), a key prefix (`db.*`) or every key (`*`)',
        description:
          'The most specific schema governs a key: its exact-key schema, else the longest matching prefix. Writes that do not satisfy it answer 422 with every error. Setting a schema that a current value would not satisfy answers 422 EXISTING_VALUES_INVALID. Patterns run on RE2 (no backreferences or lookaround). Needs the admin scope.',
        params: SelectorParams,
        headers: WriteHeaders,
        body: ref(ValueSchemaBody),
        response: { 200: ref(ValueSchema), 201: ref(ValueSchema), ...problemResponses(409, 412, 413, 422, 428) },
      },
    },
    async (request, reply) => {
      const { namespace, selector } = request.params;
      const conditions = preconditionsFrom(request.headers, { required: limits.requireIfMatch });
      const updatedBy = actorOf(request);
      const { revision, updatedAt, created } = await config.putSchema(namespace, selector, request.body.schema, conditions, updatedBy);
      const etag = `"${revision}"`;
      reply.code(created ? 201 : 200).header('etag', etag);
      return {
        namespace,
        selector,
        schema: request.body.schema,
        revision,
        updatedAt: new Date(updatedAt).toISOString(),
        updatedBy,
        etag,
      };
    },
  );

  app.delete(
    '/v1/config/:namespace/_schemas/:selector',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'deleteValueSchema',
        tags: ['schemas'],
        summary: 'Remove a value schema (422 if a value it governed would then break a broader schema)',
        params: SelectorParams,
        headers: DeleteHeaders,
        response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const { namespace, selector } = request.params;
      const conditions = preconditionsFrom(request.headers, { required: limits.requireIfMatch });
      await config.deleteSchema(namespace, selector, conditions, actorOf(request));
      reply.code(204);
      return null;
    },
  );
}
