import { type Static, type TSchema, Type } from 'typebox';

/**
 * `schema` or null, as a type list (`type: ['string', 'null']`) rather than TypeBox's
 * `anyOf: [schema, {type: 'null'}]`: fast-json-stringify serialises an anyOf by running the
 * validator against each branch on every response, a type list with a typeof check. Takes a
 * schema of one type (a `$ref` stays a Union); an enum gains null among its values.
 */
export function Nullable<T extends TSchema>(schema: T, options: Record<string, unknown> = {}) {
  const plain = schema as unknown as Record<string, unknown>;
  if (typeof plain.type !== 'string') throw new TypeError(`Nullable takes a schema of one type (got ${JSON.stringify(schema)})`);
  return Type.Unsafe<Static<T> | null>({
    ...plain,
    ...options,
    type: [plain.type, 'null'],
    ...(Array.isArray(plain.enum) ? { enum: [...plain.enum, null] } : {}),
  });
}
