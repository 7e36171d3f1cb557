import { HttpProblem } from '@trellis/service-kit';
import { Ajv } from 'ajv';
import type { TSchema } from 'typebox';
import { ALL_SCHEMAS } from './schemas.js';

/**
 * Validates a document against one of the shared schemas outside of a route (a merge patch's
 * result), with the same rules as request bodies.
 */
export function createValidator<T>(schemaId: string): (value: unknown, what: string) => T {
  const ajv = new Ajv({ strict: false, coerceTypes: false, useDefaults: false, allErrors: false, validateFormats: false });
  for (const schema of ALL_SCHEMAS as TSchema[]) ajv.addSchema(schema);
  const validate = ajv.compile({ $ref: `${schemaId}#` });
  return (value, what) => {
    if (validate(value)) return value as T;
    const errors = (validate.errors ?? []).map((e) => ({ path: `${what}${e.instancePath}`, message: e.message ?? 'is invalid' }));
    throw new HttpProblem(422, 'INVALID_FLAG', errors.map((e) => `${e.path} ${e.message}`).join('; '), { extensions: { errors } });
  };
}
