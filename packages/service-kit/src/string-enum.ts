import { Type } from 'typebox';

/**
 * One of a fixed set of strings, as `{type: 'string', enum: [...]}`. TypeBox's Union of
 * Literals is an `anyOf`, which fast-json-stringify can only serialise by running the validator
 * against each branch on every response; an enum is serialised as a plain string, validated
 * alike and published by @fastify/swagger as the same set of values.
 */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}
