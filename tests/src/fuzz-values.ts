// Values for the fuzzer: valid ones generated from a JSON schema (to get past validation and
// reach the code behind it) and hostile ones (to break it).
import fc from 'fast-check';
import { deref, type JsonSchema, type ServiceSpec } from './fuzz-spec.js';

/** Text that goes into a URL verbatim, already percent-encoded (or deliberately broken). */
export class RawText {
  constructor(readonly text: string) {}
  toString(): string {
    return `raw(${this.text})`;
  }
}

const DEEP = 1_000;

/** JSON text spliced into a body as is: nesting deeper than JSON.stringify can write. */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `<raw json, ${this.text.length} chars>`;
  }
}

/** `{"a":{"a":...1}}` or `[[...]]`, `depth` levels, as text. */
export function nestedText(depth: number, kind: 'array' | 'object'): RawJson {
  return new RawJson(kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}

/** `[[[...]]]` / `{"a":{"a":...}}` nested `depth` levels. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = kind === 'array' ? [] : {};
  for (let i = 1; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const KEY_PATTERNS = ['*', ':', '{', '}', '?', '[', ']', '*:{}?[]', '{tag}', 'a:*', '{a}:b*', 'x?y[0]', '[]', '{}', ':::', '**', 'a}b{c'];
const UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800', // lone high surrogate (JSON escapes it)
  '\udfff', // lone low surrogate
  '\ud83d\ude00'.repeat(4), // astral plane
  '\u{10FFFF}',
  '\u202Eabc\u202C', // RTL override
  'مرحبا بالعالم', // RTL script
  'שלום',
  'e\u0301\u0301\u0301', // combining marks
  '\uFEFFbom',
  '\u200B\u200D\u2060', // zero-width
  'ｆｕｌｌｗｉｄｔｈ',
  '\r\n\t',
  '\u2028\u2029',
];
const NUMERIC_TEXT = ['NaN', 'Infinity', '-Infinity', '-1', '-0', '0', '1e309', '-1e309', '1.5', '0x10', '1_000', ' 1', '1 ', '+1', '9007199254740993', '1e3', '.5', '00012'];
const WORDS = ['', ' ', 'true', 'false', 'null', 'undefined', '[]', '{}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '..', '.', '../../etc/passwd', '\\', "'; DROP TABLE x; --", '<script>alert(1)</script>', '$' + '{jndi:ldap://x}', '%s%n', '%00', '%2F', '%'];

export const HOSTILE_STRINGS: string[] = [...KEY_PATTERNS, ...UNICODE, ...NUMERIC_TEXT, ...WORDS];

export const HOSTILE_NUMBERS: number[] = [
  -1, -0, 0, 1, 0.5, -0.5, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
  1e21, 1e308, -1e308, 5e-324, Number.MAX_VALUE,
];

/** A JSON value of another type than the schema wants (or of every type when it wants any). */
export const WRONG_TYPES: unknown[] = [true, false, null, 0, -1, 1.5, '', 'x', [], {}, [null], { '': null }, [[[]]], { a: { b: {} } }];

/** Strings that stay under Node's 16 KiB header limit: a longer URL or header is Node's 431, before any app. */
const URL_HUGE = 'a'.repeat(8_000);

/** Hostile values for a path or query parameter: text, or raw URL bytes. */
export function hostileUrlValue(): fc.Arbitrary<string | RawText | string[]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.constant(URL_HUGE) },
    { weight: 1, arbitrary: fc.constant('\u{1F600}'.repeat(600)) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('%zz', '%', '%0', '%00', '%FF', '%C0%AF', '%ED%A0%80', '%E2%80%AE', '%25', '%2F', '%2e%2e', '..', '%3F', '%23', '%3A%2A', '%7B%7D')
        .map((text) => new RawText(text)),
    },
    { weight: 1, arbitrary: fc.array(fc.constantFrom('1', 'a', '', 'NaN'), { minLength: 2, maxLength: 3 }) },
  );
}

/** Hostile header values (sent as UTF-8 bytes, without the control characters Node refuses). */
export function hostileHeaderValue(): fc.Arbitrary<string> {
  return fc
    .oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant('b'.repeat(8_000)), fc.constant('"'), fc.constant('W/"1"'), fc.constant('*, "1"'));
}

/** Values at or just past a schema's bounds. */
function boundaryValues(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const min = num('minimum');
  const max = num('maximum');
  if (min !== undefined) values.push(min, min - 1, min - 0.5);
  if (max !== undefined) values.push(max, max + 1, max + 0.5);
  const minLength = num('minLength');
  const maxLength = num('maxLength');
  if (maxLength !== undefined && maxLength <= 70_000) values.push('x'.repeat(maxLength + 1), '\u{1F600}'.repeat(maxLength));
  if (minLength !== undefined && minLength > 0) values.push('x'.repeat(minLength - 1));
  const maxItems = num('maxItems');
  if (maxItems !== undefined && maxItems <= 20_000) values.push(Array.from({ length: maxItems + 1 }, () => 1));
  const maxProperties = num('maxProperties');
  if (maxProperties !== undefined && maxProperties <= 20_000) {
    values.push(Object.fromEntries(Array.from({ length: maxProperties + 1 }, (_, i) => [`k${i}`, i])));
  }
  if (typeof schema.pattern === 'string') values.push('*:{}?[]', 'A B', 'ä');
  return values;
}

/** A hostile JSON value for a body position whose schema is `schema` (boundaries, wrong types, huge, deep, unicode). */
export function hostileJson(spec: ServiceSpec, schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const resolved = schema ? deref(spec, schema) : {};
  const boundaries = boundaryValues(resolved);
  // A free-form value (any JSON) passes validation whatever it is: that is where depth and size reach the code.
  const freeForm = !resolved.type && !resolved.properties && !resolved.anyOf && !resolved.oneOf && !resolved.enum && !('const' in resolved) && !resolved.$ref;
  const deep = freeForm ? 6 : 1;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    ...(boundaries.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...boundaries) }] : []),
    { weight: deep, arbitrary: fc.constant('h'.repeat(100_000)) },
    { weight: deep, arbitrary: fc.constant('\u{1F600}\u202E\u0000'.repeat(20_000)) },
    { weight: deep, arbitrary: fc.constantFrom(DEEP - 1, DEEP, DEEP + 1, 1_500).chain((depth) => fc.constantFrom(nested(depth, 'array'), nested(depth, 'object'))) },
    { weight: deep, arbitrary: fc.constantFrom(nestedText(5_000, 'object'), nestedText(100_000, 'array'), nestedText(100_000, 'object')) },
    { weight: 1, arbitrary: fc.constantFrom(Array.from({ length: 20_000 }, (_, i) => i), Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`f${i}`, i]))) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEY_PATTERNS, '__proto__', 'constructor', ''), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }) },
  );
}

/** A hostile extra property name for an object. */
export function hostileKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...KEY_PATTERNS, '__proto__', 'constructor', 'prototype', '', '\u0000', '\ud800', 'k'.repeat(10_000)), fc.string({ unit: 'binary', maxLength: 12 }));
}

/**
 * Values that mean something to the services, mixed into generated strings so that valid
 * requests reach deeper code (flag strategies and operators, stickiness, known names).
 */
const MEANINGFUL: Record<string, string[]> = {
  operator: ['IN', 'NOT_IN', 'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE', 'DATE_AFTER', 'DATE_BEFORE', 'SEMVER_EQ', 'SEMVER_GT', 'SEMVER_LT'],
  'strategy.name': ['default', 'userWithId', 'flexibleRollout', 'remoteAddress', 'applicationHostname', 'gradualRolloutRandom', 'gradualRolloutUserId', 'gradualRolloutSessionId', 'all', 'none', 'percentage', 'user_list', 'group'],
  stickiness: ['default', 'userId', 'sessionId', 'random'],
  contextName: ['userId', 'sessionId', 'remoteAddress', 'environment', 'appName', 'currentTime', 'version'],
  value: ['1', '1.2.3', '2025-01-01T00:00:00Z', 'abc', '-5'],
  timeZone: ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe'],
};

/** Numbers the deployment accepts where the schema's bounds are wider than the running config's. */
const MEANINGFUL_NUMBERS: Record<string, number[]> = {
  idleTtlSeconds: [60, 300, 1_800, 86_400],
  absoluteTtlSeconds: [3_600, 86_400, 604_800],
};

export interface GenOptions {
  /** Nesting of objects and arrays so far. */
  depth: number;
  /** The property (or parameter) name the value is for. */
  name?: string;
  /** Caps for parameters that make the server wait (long-polls, lock waits). */
  waits: Record<string, number>;
  /** Only the required properties of objects (a request the service is likeliest to accept). */
  minimal?: boolean;
}

const MAX_DEPTH = 5;

/** Strings matching `regex`, short where the pattern allows it (a fixed `{44}` does not). */
function matching(regex: RegExp, maxLength: number): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(regex, { maxLength });
  } catch {
    return fc.stringMatching(regex);
  }
}

function stringArb(schema: JsonSchema, name: string | undefined): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 64;
  const cap = Math.max(minLength, Math.min(maxLength, 24));
  let arb: fc.Arbitrary<string>;
  if (typeof schema.pattern === 'string') {
    arb = matching(new RegExp(schema.pattern), cap);
  } else if (schema.format === 'date-time') {
    arb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
  } else {
    arb = fc.string({ minLength, maxLength: cap, unit: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.') }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }) });
  }
  arb = arb.filter((text) => text.length >= minLength && text.length <= maxLength);
  const meaningful = name && Object.hasOwn(MEANINGFUL, name) ? MEANINGFUL[name] : undefined;
  return meaningful ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...meaningful) }, { weight: 1, arbitrary: arb }) : arb;
}

function integerArb(schema: JsonSchema, cap: number | undefined): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : Number.MIN_SAFE_INTEGER;
  let max = typeof schema.maximum === 'number' ? Math.floor(schema.maximum) : Number.MAX_SAFE_INTEGER;
  if (cap !== undefined) max = Math.max(min, Math.min(max, cap));
  const small = fc.integer({ min: Math.max(min, -1_000), max: Math.max(Math.max(min, -1_000), Math.min(max, 1_000)) });
  if (cap !== undefined) return small;
  // The bounds themselves are where loops and sizes break: a third of the time.
  return fc.oneof({ weight: 3, arbitrary: small }, { weight: 1, arbitrary: fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number) }, { weight: 2, arbitrary: fc.constantFrom(min, max) });
}

/** A value valid against `schema` (best effort: formats and combinators beyond what the documents use are approximated). */
export function validValue(spec: ServiceSpec, input: JsonSchema, options: GenOptions): fc.Arbitrary<unknown> {
  const schema = deref(spec, input);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((branch) => validValue(spec, branch, options)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : undefined;
  if (type && type.length > 1) return fc.oneof(...type.map((t) => validValue(spec, { ...schema, type: t }, options)));
  const cap = options.name && Object.hasOwn(options.waits, options.name) ? options.waits[options.name] : undefined;
  switch (type?.[0]) {
    case 'string':
      return stringArb(schema, options.name);
    case 'integer': {
      const meaningful = options.name && Object.hasOwn(MEANINGFUL_NUMBERS, options.name) ? MEANINGFUL_NUMBERS[options.name] : undefined;
      return meaningful ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...meaningful) }, { weight: 1, arbitrary: integerArb(schema, cap) }) : integerArb(schema, cap);
    }
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1e9;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1e9;
      return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), integerArb({ minimum: Math.ceil(min), maximum: Math.floor(max) }, undefined));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 8;
      const maxLength = options.depth >= MAX_DEPTH ? minLength : Math.max(minLength, Math.min(maxItems, 3));
      const item = validValue(spec, items, { ...options, depth: options.depth + 1, name: options.name ? `${options.name}[]` : undefined });
      return schema.uniqueItems ? fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) }) : fc.array(item, { minLength, maxLength });
    }
    case 'object':
      return objectArb(spec, schema, options);
    default:
      if (schema.properties) return objectArb(spec, schema, options);
      return fc.jsonValue({ maxDepth: Math.max(0, 2 - options.depth) });
  }
}

function objectArb(spec: ServiceSpec, schema: JsonSchema, options: GenOptions): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const deep = options.depth >= MAX_DEPTH || options.minimal === true;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (deep && !required.has(key)) continue;
    // A strategy's `name` means something else than a flag's.
    const name = key === 'name' && options.name === 'strategies[]' ? 'strategy.name' : key;
    model[key] = validValue(spec, propertySchema, { ...options, depth: options.depth + 1, name });
  }
  const record = fc.record(model, { requiredKeys: [...required].filter((key) => key in model) });
  const additional = schema.additionalProperties;
  // A map (no fixed properties) is data, not options: a minimal one still has an entry to break.
  if (Object.keys(properties).length === 0 && additional !== false && options.depth < MAX_DEPTH) {
    const valueSchema = typeof additional === 'object' && additional ? (additional as JsonSchema) : {};
    const maxKeys = options.minimal ? 1 : typeof schema.maxProperties === 'number' ? Math.min(schema.maxProperties, 3) : 3;
    const minKeys = options.minimal ? 1 : 0;
    const names = (schema.propertyNames as JsonSchema | undefined) ?? {};
    const key = typeof names.pattern === 'string' ? matching(new RegExp(names.pattern), 16) : fc.string({ minLength: 1, maxLength: 12 });
    return fc.dictionary(key, validValue(spec, valueSchema, { ...options, depth: options.depth + 1, name: undefined }), { minKeys, maxKeys });
  }
  return record;
}
