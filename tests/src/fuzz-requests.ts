// Requests for one operation, generated from its OpenAPI description: valid ones, valid ones
// with exactly one thing broken, and entirely random ones.
import fc from 'fast-check';
import type { ValuePool } from './fuzz-pool.js';
import { deref, type JsonSchema, type Operation, type Parameter, type ServiceSpec } from './fuzz-spec.js';
import { hostileHeaderValue, hostileJson, hostileKey, hostileUrlValue, nested, nestedText, RawText, validValue } from './fuzz-values.js';

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string | undefined }
  | { kind: 'raw'; data: string | Buffer; contentType: string | undefined };

/** A pool index that means the newest value a request used. */
export const NEWEST = -1;

/** A value taken from the pool when the request is sent (what exists by then), else the fallback. */
export class PoolPick {
  constructor(
    readonly name: string,
    readonly index: number,
    readonly fallback: unknown,
  ) {}
}

const pick = (name: string, fallback: fc.Arbitrary<unknown>) => fc.tuple(fc.nat(1_000), fallback).map(([index, value]) => new PoolPick(name, index, value));

export interface FuzzRequest {
  /** How it was made: `valid`, `random`, or `mutate <where>: <how>`. */
  strategy: string;
  /** Path parameters all taken together from one earlier successful request (when the pool has one). */
  pathCombo?: PoolPick;
  /** Another method than the operation's (the path may or may not have it). */
  method?: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: BodySpec;
}

export interface GenContext {
  spec: ServiceSpec;
  /** Caps for parameters and fields that make the server wait. */
  waits: Record<string, number>;
}

export const WAIT_CAPS: Record<string, number> = { timeoutSeconds: 1, waitMs: 300 };

const CONTENT_TYPES: (string | undefined)[] = [
  undefined,
  '',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'application/json',
  'application/problem+json',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/json;;;',
  '*/*',
  'application/octet-stream',
  'text/event-stream',
  'application/json, text/plain',
];

const MALFORMED_BODIES: (string | Buffer)[] = [
  '',
  ' ',
  '{',
  '}',
  '[',
  '{"a":}',
  '{"a":1,}',
  '[1,2,]',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":-Infinity}',
  '{"a":undefined}',
  'null',
  'true',
  '0',
  '-1',
  '"text"',
  '-',
  '1e999999',
  '{"a":1e999}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  '// comment\n{}',
  '\uFEFF{}',
  Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
  Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xc0, 0xaf]), Buffer.from('"}')]),
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":"\\uZZZZ"}',
  '"\\',
  '['.repeat(100_000),
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  `{"a":"${'x'.repeat(2_000_000)}"}`,
];

function paramArb(ctx: GenContext, param: Parameter): fc.Arbitrary<unknown> {
  return validValue(ctx.spec, param.schema, { depth: 0, name: param.name, waits: ctx.waits });
}

/** A path parameter (or a cursor): often a value the service already knows, else a generated one. */
function knownParamArb(ctx: GenContext, param: Parameter): fc.Arbitrary<unknown> {
  const generated = paramArb(ctx, param);
  return fc.oneof({ weight: 3, arbitrary: pick(param.name, generated) }, { weight: 2, arbitrary: generated });
}

function headerParamArb(ctx: GenContext, param: Parameter): fc.Arbitrary<unknown> {
  const generated = paramArb(ctx, param);
  const free = !param.schema.enum && !('const' in param.schema);
  if (free && (param.name === 'if-match' || param.name === 'if-none-match')) {
    return fc.oneof(
      { weight: 4, arbitrary: pick('etag', fc.constant('"1"')) },
      { weight: 1, arbitrary: fc.constant('*') },
      { weight: 1, arbitrary: generated },
    );
  }
  return generated;
}

function jsonContentType(op: Operation): string | undefined {
  return op.requestBody ? Object.keys(op.requestBody.content)[0] : undefined;
}

export function bodySchema(op: Operation): JsonSchema | undefined {
  if (!op.requestBody) return undefined;
  return Object.values(op.requestBody.content)[0]?.schema ?? {};
}

export function validRequest(ctx: GenContext, op: Operation, minimal?: boolean): fc.Arbitrary<FuzzRequest> {
  const path: Record<string, fc.Arbitrary<unknown>> = {};
  const query: Record<string, fc.Arbitrary<unknown>> = {};
  const headers: Record<string, fc.Arbitrary<unknown>> = {};
  for (const param of op.parameters) {
    if (param.in === 'path') path[param.name] = knownParamArb(ctx, param);
    else if (param.in === 'query') {
      const value = knownParamArb(ctx, param);
      query[param.name] = param.required ? value : fc.option(value, { nil: undefined, freq: 2 });
    } else if (param.in === 'header') headers[param.name] = fc.option(headerParamArb(ctx, param), { nil: undefined, freq: 2 });
  }
  // A merge patch needs the version it applies to (428 without it): send one, else every patch stops there.
  const ifMatch = op.parameters.find((p) => p.in === 'header' && p.name === 'if-match');
  const preconditionRequired = ifMatch && op.method === 'PATCH' && op.responses['428'] ? headerParamArb(ctx, ifMatch) : undefined;
  const schema = bodySchema(op);
  // Half the bodies carry only what is required: optional fields often only make sense together.
  const value = (only: boolean) => validValue(ctx.spec, schema ?? {}, { depth: 0, waits: ctx.waits, minimal: only });
  const bodyValue = minimal === undefined ? fc.oneof(value(false), value(true)) : value(minimal);
  const body: fc.Arbitrary<BodySpec> = schema
    ? bodyValue.map((value) => ({ kind: 'json' as const, value, contentType: jsonContentType(op) }))
    : fc.constant({ kind: 'none' as const });
  // Most valid requests send no optional header: some only make sense together (a fencing lock and its token).
  const optionalHeaders = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record(headers) });
  const headerArb = preconditionRequired
    ? fc.tuple(optionalHeaders, preconditionRequired).map(([rest, etag]) => ({ ...rest, 'if-match': etag }) as Record<string, unknown>)
    : optionalHeaders;
  const names = Object.keys(path);
  const combo = names.length > 1 ? fc.option(fc.nat(1_000).map((index) => new PoolPick(comboName(names), index, undefined)), { nil: undefined }) : fc.constant(undefined);
  return fc
    .record({ pathCombo: combo, path: fc.record(path), query: fc.record(query), headers: headerArb, body })
    .map(({ pathCombo, ...parts }) => ({ strategy: 'valid', ...(pathCombo ? { pathCombo } : {}), ...parts }));
}

/** The pool name under which whole sets of path parameters are kept. */
export const comboName = (names: string[]) => `path:${[...names].sort().join(',')}`;

type Segment = string | number;

interface Slot {
  at: Segment[];
  schema: JsonSchema | undefined;
  required: boolean;
}

/** The schema of `key` inside `schema`, through refs and anyOf branches; undefined when free-form. */
function childSchema(spec: ServiceSpec, schema: JsonSchema | undefined, key: Segment): JsonSchema | undefined {
  if (!schema) return undefined;
  const resolved = deref(spec, schema);
  const branches = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    for (const branch of branches) {
      const found = childSchema(spec, branch, key);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof key === 'number') return (resolved.items as JsonSchema | undefined) ?? undefined;
  const properties = resolved.properties as Record<string, JsonSchema> | undefined;
  // Own properties only: a generated key like `constructor` is not a documented property.
  if (properties && Object.hasOwn(properties, key)) return properties[key];
  return typeof resolved.additionalProperties === 'object' ? (resolved.additionalProperties as JsonSchema) : undefined;
}

function isRequired(spec: ServiceSpec, schema: JsonSchema | undefined, key: Segment): boolean {
  if (!schema || typeof key === 'number') return false;
  const required = deref(spec, schema).required;
  return Array.isArray(required) && required.includes(key);
}

/** Every place in a generated body (and every documented property it left out) that a mutation can hit. */
function bodySlots(spec: ServiceSpec, value: unknown, schema: JsonSchema | undefined, at: Segment[] = [], slots: Slot[] = []): Slot[] {
  if (at.length > 6 || slots.length > 200) return slots;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const child = childSchema(spec, schema, i);
      slots.push({ at: [...at, i], schema: child, required: false });
      bodySlots(spec, item, child, [...at, i], slots);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = childSchema(spec, schema, key);
      slots.push({ at: [...at, key], schema: child, required: isRequired(spec, schema, key) });
      bodySlots(spec, item, child, [...at, key], slots);
    }
    const properties = schema ? ((deref(spec, schema).properties as Record<string, JsonSchema> | undefined) ?? {}) : {};
    for (const [key, child] of Object.entries(properties)) {
      if (!(key in value)) slots.push({ at: [...at, key], schema: child, required: false });
    }
  }
  return slots;
}

function setAt(root: unknown, at: Segment[], value: unknown, remove = false): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of at.slice(0, -1)) {
    // A documented object the generated body left out: create it on the way.
    if (!node[segment] || typeof node[segment] !== 'object') node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  }
  const last = at[at.length - 1]!;
  if (remove) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else {
    // defineProperty, so that a key like `__proto__` becomes a real property and reaches the wire.
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const describeAt = (at: Segment[]) => (at.length === 0 ? 'body' : `body/${at.join('/')}`);

function short(value: unknown): string {
  if (value instanceof RawText) return value.toString();
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}

const EXTRA_HEADERS = ['if-match', 'if-none-match', 'last-event-id', 'accept', 'content-encoding', 'x-request-id', 'authorization', 'x-fencing-lock', 'x-fencing-token', 'x-trellis-actor', 'x-trellis-source', 'x-trellis-environment', 'range', 'origin'];

/** The ways one request can be broken; each keeps everything else valid. */
function mutations(ctx: GenContext, op: Operation, base: FuzzRequest): fc.Arbitrary<FuzzRequest>[] {
  const out: fc.Arbitrary<FuzzRequest>[] = [];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');

  if (pathParams.length > 0) {
    out.push(
      fc.tuple(fc.constantFrom(...pathParams), fc.oneof(hostileUrlValue(), fc.constant(''))).map(([param, value]) => ({
        ...base,
        strategy: `mutate path ${param.name}: ${short(value)}`,
        path: { ...base.path, [param.name]: value },
      })),
    );
  }
  if (queryParams.length > 0) {
    out.push(
      fc.tuple(fc.constantFrom(...queryParams), hostileUrlValue()).map(([param, value]) => ({
        ...base,
        strategy: `mutate query ${param.name}: ${short(value)}`,
        query: { ...base.query, [param.name]: value },
      })),
    );
    const required = queryParams.filter((p) => p.required);
    if (required.length > 0) {
      out.push(
        fc.constantFrom(...required).map((param) => ({
          ...base,
          strategy: `mutate query ${param.name}: missing`,
          query: { ...base.query, [param.name]: undefined },
        })),
      );
    }
  }
  out.push(
    fc.tuple(fc.oneof(fc.constantFrom('extra', 'cursor', 'limit', 'a[b]', 'x[]', ''), hostileKey()), hostileUrlValue()).map(([key, value]) => ({
      ...base,
      strategy: `mutate query: extra ${short(key)}=${short(value)}`,
      query: { ...base.query, [key]: value },
    })),
  );
  const headerNames = [...new Set([...headerParams.map((p) => p.name), ...EXTRA_HEADERS])];
  out.push(
    fc.tuple(fc.constantFrom(...headerNames), fc.oneof(hostileHeaderValue(), fc.constantFrom('text/event-stream', 'application/xml', 'gzip', '-1', '0', '99999999999999999999', '*'))).map(([name, value]) => ({
      ...base,
      strategy: `mutate header ${name}: ${short(value)}`,
      headers: { ...base.headers, [name]: value },
    })),
  );

  const schema = bodySchema(op);
  const jsonBody = base.body.kind === 'json' ? base.body : undefined;
  if (jsonBody) {
    const slots = bodySlots(ctx.spec, jsonBody.value, schema);
    if (slots.length > 0) {
      out.push(
        fc.constantFrom(...slots).chain((slot) =>
          hostileJson(ctx.spec, slot.schema).map((value) => ({
            ...base,
            strategy: `mutate ${describeAt(slot.at)}: ${short(value)}`,
            body: { ...jsonBody, value: setAt(jsonBody.value, slot.at, value) },
          })),
        ),
      );
      const required = slots.filter((slot) => slot.required);
      if (required.length > 0) {
        out.push(
          fc.constantFrom(...required).map((slot) => ({
            ...base,
            strategy: `mutate ${describeAt(slot.at)}: missing`,
            body: { ...jsonBody, value: setAt(jsonBody.value, slot.at, undefined, true) },
          })),
        );
      }
    }
    const objects = [{ at: [] as Segment[] }, ...slots.filter((slot) => deref(ctx.spec, slot.schema ?? {}).type === 'object')];
    if (jsonBody.value && typeof jsonBody.value === 'object' && !Array.isArray(jsonBody.value)) {
      out.push(
        fc.tuple(fc.constantFrom(...objects), hostileKey(), fc.jsonValue({ maxDepth: 2 })).map(([slot, key, value]) => ({
          ...base,
          strategy: `mutate ${describeAt([...slot.at, key])}: extra field ${short(value)}`,
          body: { ...jsonBody, value: setAt(jsonBody.value, [...slot.at, key], value) },
        })),
      );
    }
    out.push(
      hostileJson(ctx.spec, schema).map((value) => ({ ...base, strategy: `mutate body: ${short(value)}`, body: { ...jsonBody, value } })),
      fc.constantFrom(...CONTENT_TYPES).map((contentType) => ({
        ...base,
        strategy: `mutate content-type: ${short(contentType)}`,
        body: { ...jsonBody, contentType },
      })),
    );
  }
  out.push(
    fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE').filter((method) => method !== op.method).map((method) => ({
      ...base,
      strategy: `mutate method: ${method}`,
      method,
    })),
  );
  // Bodies for every operation, including those that take none.
  out.push(
    fc.tuple(fc.constantFrom(...MALFORMED_BODIES), fc.constantFrom(jsonContentType(op) ?? 'application/json', 'application/json', 'text/plain', undefined)).map(([data, contentType]) => ({
      ...base,
      strategy: `mutate body: raw ${short(typeof data === 'string' ? data : `<${data.length} bytes>`)} as ${short(contentType)}`,
      body: { kind: 'raw' as const, data, contentType },
    })),
    fc.constantFrom<unknown>(nested(1_000, 'object'), nested(1_001, 'array'), nestedText(5_000, 'array'), nestedText(100_000, 'object')).map((value) => ({
      ...base,
      strategy: `mutate body: nested ${short(value)}`,
      body: { kind: 'json' as const, value, contentType: jsonContentType(op) ?? 'application/json' },
    })),
  );
  return out;
}

export function mutatedRequest(ctx: GenContext, op: Operation): fc.Arbitrary<FuzzRequest> {
  return validRequest(ctx, op).chain((base) => fc.oneof(...mutations(ctx, op, base)));
}

/** Every part random or hostile, nothing held back. */
export function randomRequest(ctx: GenContext, op: Operation): fc.Arbitrary<FuzzRequest> {
  const anyParam = (param: Parameter) => fc.oneof(paramArb(ctx, param), hostileUrlValue(), fc.constant(undefined));
  const path: Record<string, fc.Arbitrary<unknown>> = {};
  const query: Record<string, fc.Arbitrary<unknown>> = {};
  const headers: Record<string, fc.Arbitrary<unknown>> = {};
  for (const param of op.parameters) {
    if (param.in === 'path') path[param.name] = fc.oneof(paramArb(ctx, param), hostileUrlValue());
    else if (param.in === 'query') query[param.name] = anyParam(param);
    else if (param.in === 'header') headers[param.name] = fc.oneof(hostileHeaderValue(), fc.constant(undefined));
  }
  const body: fc.Arbitrary<BodySpec> = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.tuple(fc.oneof(hostileJson(ctx.spec, bodySchema(op)), fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' })), fc.constantFrom(...CONTENT_TYPES)).map(([value, contentType]) => ({ kind: 'json' as const, value, contentType })),
    fc.tuple(fc.constantFrom(...MALFORMED_BODIES), fc.constantFrom(...CONTENT_TYPES)).map(([data, contentType]) => ({ kind: 'raw' as const, data, contentType })),
  );
  return fc.record({ path: fc.record(path), query: fc.record(query), headers: fc.record(headers), body }).map((parts) => ({ strategy: 'random', ...parts }));
}

const labelled = (request: FuzzRequest) => Object.assign(request, { [fc.toStringMethod]: () => `<${request.strategy}>` });

export function requestArb(ctx: GenContext, op: Operation): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof({ weight: 2, arbitrary: validRequest(ctx, op) }, { weight: 6, arbitrary: mutatedRequest(ctx, op) }, { weight: 2, arbitrary: randomRequest(ctx, op) })
    .map(labelled);
}

const MAX_SWEEP_SLOTS = 40;

/** A value of another JSON type than `schema` wants; for a free-form value, one nested too deep to serialize. */
function wrongTypeFor(spec: ServiceSpec, schema: JsonSchema | undefined): unknown[] {
  const resolved = schema ? deref(spec, schema) : {};
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  switch (type) {
    case 'string':
      return [12_345];
    case 'integer':
    case 'number':
      return ['1 '];
    case 'boolean':
      return ['true'];
    case 'array':
      return [{}];
    case 'object':
      // A map of anything (session data, a context): a member nested too deep to serialize.
      return resolved.properties || resolved.additionalProperties === false ? [[]] : [[], { k: nestedText(5_000, 'object') }];
    default:
      return resolved.anyOf || resolved.oneOf || resolved.enum ? [{ '*:{}?[]': null }] : [nestedText(5_000, 'object'), 'h'.repeat(100_000)];
  }
}

/**
 * The systematic part of the run, before the random one: one valid request with each thing
 * broken in turn — every body field given another type (a free-form one: nesting too deep to
 * serialize, a 100 KB string), every path parameter too long for the router and badly
 * percent-encoded, every query parameter NaN, the body malformed, the method HEAD and one the
 * path does not have. Found the same way whatever the seed.
 */
export function sweepRequests(ctx: GenContext, op: Operation, seed: number): FuzzRequest[] {
  const [sample] = fc.sample(validRequest(ctx, op, true), { seed, numRuns: 1 });
  if (!sample) return [];
  // Path parameters the service knows (the newest it accepted, or the one before...), so that the sweep gets past "not found".
  const knownPath = (index: number) =>
    Object.fromEntries(Object.entries(sample.path).map(([name, value]) => [name, new PoolPick(name, index, value instanceof PoolPick ? value.fallback : value)]));
  const known = knownPath(NEWEST);
  const names = Object.keys(known);
  const combo = (index: number) => (names.length > 1 ? { pathCombo: new PoolPick(comboName(names), index, undefined) } : {});
  // No optional query parameter or header: some only make sense together, and none should stop the sweep early.
  const required = new Set(op.parameters.filter((p) => p.required).map((p) => p.name));
  const query = Object.fromEntries(Object.entries(sample.query).filter(([name]) => required.has(name)));
  const base: FuzzRequest = {
    ...sample,
    path: known,
    query,
    headers: {},
    ...combo(NEWEST),
  };
  const out: FuzzRequest[] = [];
  const jsonBody = base.body.kind === 'json' ? base.body : undefined;
  if (jsonBody) {
    for (const slot of bodySlots(ctx.spec, jsonBody.value, bodySchema(op)).slice(0, MAX_SWEEP_SLOTS)) {
      for (const value of wrongTypeFor(ctx.spec, slot.schema)) {
        out.push({ ...base, strategy: `sweep ${describeAt(slot.at)}: ${short(value)}`, body: { ...jsonBody, value: setAt(jsonBody.value, slot.at, value) } });
      }
    }
    out.push({ ...base, strategy: 'sweep body: nested 5000 deep', body: { ...jsonBody, value: nestedText(5_000, 'object') } });
    // Every bounded number at its documented maximum, against each of the newest things the service knows
    // (a per-unit loop sized by a valid number is as bad as one sized by an invalid one).
    const maxima = bodySlots(ctx.spec, jsonBody.value, bodySchema(op)).filter((slot) => typeof (slot.schema && deref(ctx.spec, slot.schema).maximum) === 'number');
    for (const slot of maxima.slice(0, 8)) {
      const maximum = deref(ctx.spec, slot.schema!).maximum as number;
      for (let index = NEWEST; index >= NEWEST - (names.length > 0 ? 5 : 0); index -= 1) {
        out.push({
          ...base,
          strategy: `sweep ${describeAt(slot.at)}: maximum ${maximum}${names.length > 0 ? ` (known resource ${-index})` : ''}`,
          path: knownPath(index),
          ...combo(index),
          body: { ...jsonBody, value: setAt(jsonBody.value, slot.at, maximum) },
        });
      }
    }
  }
  out.push({ ...base, strategy: 'sweep body: raw "{"', body: { kind: 'raw', data: '{', contentType: jsonContentType(op) ?? 'application/json' } });
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    for (const value of [new RawText('%zz'), 'p'.repeat(1_100)]) {
      out.push({ ...base, strategy: `sweep path ${param.name}: ${short(value)}`, path: { ...base.path, [param.name]: value } });
    }
  }
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    out.push({ ...base, strategy: `sweep query ${param.name}: "NaN"`, query: { ...base.query, [param.name]: 'NaN' } });
  }
  const otherMethod = ['PATCH', 'PUT', 'POST', 'DELETE'].find((method) => !ctx.spec.operations.some((o) => o.path === op.path && o.method === method));
  // Without query parameters: a watch then streams (a HEAD of a stream must still answer).
  for (const method of ['HEAD', ...(otherMethod ? [otherMethod] : [])]) {
    if (method !== op.method) out.push({ ...base, strategy: `sweep method: ${method}`, method, query: {} });
  }
  return out.map(labelled);
}

/**
 * The request as sent now: pool picks resolved (a pick the parameter would refuse falls back to
 * the generated value), and a body that names its resource (`name`, `id`) naming the one in
 * the path, as the services require, unless that field is what the request breaks.
 */
export function resolveRequest(request: FuzzRequest, pool: ValuePool, accepts: (location: string, name: string, value: unknown) => boolean): FuzzRequest {
  const resolve = (location: string, values: Record<string, unknown>, resourceKey?: string) =>
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => {
        if (!(value instanceof PoolPick)) return [key, value];
        // An ETag: mostly the one this very resource was last seen with.
        const own = value.name === 'etag' && resourceKey && value.index % 4 !== 0 ? pool.pick(etagName(resourceKey), 0) : undefined;
        const known = own ?? pool.pick(value.name, value.index);
        return [key, known !== undefined && accepts(location, key, known) ? known : value.fallback];
      }),
    );
  let path = resolve('path', request.path);
  const combo = request.pathCombo ? pool.pick(request.pathCombo.name, request.pathCombo.index) : undefined;
  if (typeof combo === 'string') {
    const known = JSON.parse(combo) as Record<string, unknown>;
    // The combination replaces only parameters the request did not break on purpose.
    const merged = Object.fromEntries(Object.entries(path).map(([name, value]) => [name, request.strategy.includes(`path ${name}:`) ? value : known[name]]));
    if (Object.entries(merged).every(([name, value]) => accepts('path', name, value) || request.strategy.includes(`path ${name}:`))) path = merged;
  }
  let body = request.body;
  if (body.kind === 'json' && body.value && typeof body.value === 'object' && !Array.isArray(body.value)) {
    const value = body.value as Record<string, unknown>;
    for (const [name, given] of Object.entries(path)) {
      if (!(name in value) || request.strategy.includes(`body/${name}`)) continue;
      const aligned = typeof value[name] === 'number' && typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given;
      if (typeof aligned === typeof value[name]) body = { ...body, value: { ...value, [name]: aligned } };
    }
  }
  return { ...request, path, query: resolve('query', request.query), headers: resolve('header', request.headers, resourceKey(path)), body };
}

/** A resource, as the path parameters that name it. */
export const resourceKey = (path: Record<string, unknown>) => JSON.stringify(path);
/** The pool name of the newest ETag seen for a resource. */
export const etagName = (resource: string) => `etag@${resource}`;
