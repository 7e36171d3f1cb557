import { type Static, type TSchema, Type } from 'typebox';

/**
 * A JSON object used as a map: every key valid against `key`, every value against `value`.
 * TypeBox's Record turns the key into `patternProperties` (`^.*$` for any string), which loses
 * the key's length, leaves keys with a line break unchecked, and which @fastify/swagger
 * publishes as plain `additionalProperties`. `propertyNames` + `additionalProperties` is
 * enforced and published alike.
 */
export function MapOf<V extends TSchema>(key: TSchema, value: V, options: Record<string, unknown> = {}) {
  return Type.Unsafe<Record<string, Static<V>>>({ ...options, type: 'object', propertyNames: key, additionalProperties: value });
}
