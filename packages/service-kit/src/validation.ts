import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

// ajv-formats ships CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const shared: Options = {
  // Unknown fields are an error the client should hear about, not something to drop silently.
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
};

/**
 * Two validators: query strings, params and headers arrive as text and are coerced to the
 * schema's types ("5" -> 5, "a" -> ["a"]); JSON bodies already carry types, so there a number
 * where a string belongs is a 400, never silently turned into "5".
 */
export function registerValidation(app: FastifyInstance): void {
  const coercing = addFormats(new Ajv({ ...shared, coerceTypes: 'array' }));
  const strict = addFormats(new Ajv({ ...shared, coerceTypes: false }));
  const seen = new Set<string>();
  const addShared = (schema: FastifySchema & { $id?: string }) => {
    if (!schema.$id || seen.has(schema.$id)) return;
    seen.add(schema.$id);
    coercing.addSchema(schema);
    strict.addSchema(schema);
  };
  app.setValidatorCompiler(({ schema, httpPart }) => {
    for (const shared of Object.values(app.getSchemas())) addShared(shared as FastifySchema & { $id?: string });
    const ajv = httpPart === 'body' ? strict : coercing;
    return ajv.compile(schema) as ReturnType<Ajv['compile']>;
  });
}
