// The services' published OpenAPI documents, read the way the fuzzer needs them: every
// operation with its parameters, body and responses, shared schemas resolvable by name, and
// response validators compiled with Ajv 2020 (the dialect of OpenAPI 3.1).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface MediaEntry {
  schema?: JsonSchema;
}

export interface ResponseSpec {
  content?: Record<string, MediaEntry>;
  headers?: Record<string, { required?: boolean }>;
}

export interface Operation {
  service: string;
  method: string;
  path: string;
  operationId: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaEntry> };
  responses: Record<string, ResponseSpec>;
  /** One of its replies is a Server-Sent Events stream. */
  streams: boolean;
}

export interface ServiceSpec {
  service: string;
  document: OpenApiDocument;
  operations: Operation[];
  /** A shared schema by name (components.schemas). */
  component(name: string): JsonSchema;
  /** Validates `value` against `schema` (refs to components resolve); undefined when valid, else the errors. */
  validate(schema: JsonSchema, value: unknown): string | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  operationId?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaEntry> };
  responses?: Record<string, ResponseSpec>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HTTP_METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'options', 'head']);
const COMPONENT_REF = '#/components/schemas/';

/** Rewrites `#/components/schemas/X` into `<base>#/$defs/X`, so a schema compiles on its own. */
function rebaseRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rebaseRefs(item, base));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)
        ? `${base}#/$defs/${value.slice(COMPONENT_REF.length)}`
        : rebaseRefs(value, base);
  }
  return out;
}

export function loadServiceSpec(service: string): ServiceSpec {
  const document = JSON.parse(readFileSync(`${REPO_ROOT}services/${service}/openapi.json`, 'utf8')) as OpenApiDocument;
  const components = document.components?.schemas ?? {};
  const base = `urn:trellis:${service}`;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: base, $defs: rebaseRefs(components, base) });
  const compiled = new Map<JsonSchema, ValidateFunction>();

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !raw.responses) continue;
      const responses = raw.responses;
      operations.push({
        service,
        method: method.toUpperCase(),
        path,
        operationId: raw.operationId ?? `${method} ${path}`,
        tags: raw.tags ?? [],
        parameters: raw.parameters ?? [],
        ...(raw.requestBody ? { requestBody: { required: raw.requestBody.required ?? false, content: raw.requestBody.content } } : {}),
        responses,
        streams: Object.values(responses).some((response) => Object.keys(response.content ?? {}).includes('text/event-stream')),
      });
    }
  }

  return {
    service,
    document,
    operations,
    component(name) {
      const schema = components[name];
      if (!schema) throw new Error(`${service}: no components.schemas.${name}`);
      return schema;
    },
    validate(schema, value) {
      let validator = compiled.get(schema);
      if (!validator) {
        validator = ajv.compile(rebaseRefs(schema, base) as JsonSchema);
        compiled.set(schema, validator);
      }
      if (validator(value)) return undefined;
      return (validator.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`)
        .join('; ');
    },
  };
}

/** Follows a `#/components/schemas/X` reference (one level; callers recurse). */
export function deref(spec: ServiceSpec, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith(COMPONENT_REF)) return spec.component(ref.slice(COMPONENT_REF.length));
  return schema;
}
