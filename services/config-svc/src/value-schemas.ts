import { createHash } from 'node:crypto';
import { Ajv, type AnySchema, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

// ajv-formats ships CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** A schema that cannot be used: not a JSON Schema ajv accepts, too deep, or an unsupported regex. */
export class SchemaCompileError extends Error {
  override readonly name = 'SchemaCompileError';
}

export interface ValueError {
  path: string;
  message: string;
}

const MAX_DEPTH = 32;
const MAX_REPORTED_ERRORS = 50;
const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

/**
 * Schemas come from API callers, so `pattern` and `patternProperties` run on RE2 (linear time:
 * no ReDoS), depth is bounded before ajv sees the schema (deep schemas overflow its compiler),
 * nothing is ever fetched for `$ref`, and `$data` stays off. See https://ajv.js.org/security.html
 */
const re2 = Object.assign((pattern: string) => RE2JS.compile(pattern), { code: 're2js.RE2JS.compile' });

const OPTIONS: Options = {
  allErrors: true,
  strict: false,
  validateFormats: true,
  code: { regExp: re2 },
};

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH) return level;
  if (value === null || typeof value !== 'object') return level;
  let deepest = level;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depth(child, level + 1));
  return deepest;
}

/**
 * Compiles a JSON Schema (draft 2020-12 unless `$schema` names draft-07). Each schema gets its
 * own ajv instance, so one caller's `$id` can never collide with, or resolve to, another's.
 */
export function compileValueSchema(schema: unknown): ValidateFunction {
  if (depth(schema) > MAX_DEPTH) throw new SchemaCompileError(`the schema nests deeper than ${MAX_DEPTH} levels`);
  const declared = typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  const ajv = typeof declared === 'string' && DRAFT_07.test(declared) ? new Ajv(OPTIONS) : new Ajv2020(OPTIONS);
  addFormats(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as AnySchema);
  } catch (error) {
    throw new SchemaCompileError((error as Error).message);
  }
  const guarded = guardRecursion(validate);
  // A $ref cycle that never reaches into the value (`{"$ref": "#"}`) compiles, then recurses
  // without end on every value: refuse it now rather than fail every later write.
  for (const probe of [null, true, 0, '', [], {}]) {
    guarded(probe);
    if (guarded.errors?.[0]?.keyword === ENDLESS) throw new SchemaCompileError(ENDLESS_MESSAGE);
  }
  return guarded;
}

const ENDLESS = 'endlessRecursion';
const ENDLESS_MESSAGE = 'the schema refers to itself without end (a $ref cycle that never reaches into the value)';

/**
 * A validator that answers "invalid" instead of overflowing the stack: a cycle the probes above
 * did not reach (one behind a property only some values have) fails that value, with a 422
 * saying why, never a 500.
 */
function guardRecursion(validate: ValidateFunction): ValidateFunction {
  const guarded = ((value: unknown) => {
    try {
      const valid = validate(value);
      guarded.errors = validate.errors;
      return valid;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      guarded.errors = [{ instancePath: '', schemaPath: '#', keyword: ENDLESS, params: {}, message: `cannot be checked: ${ENDLESS_MESSAGE}` }];
      return false;
    }
  }) as ValidateFunction;
  guarded.schema = validate.schema;
  return guarded;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): ValueError[] {
  return (errors ?? []).slice(0, MAX_REPORTED_ERRORS).map((error) => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` '${String((error.params as { additionalProperty?: unknown }).additionalProperty)}'`
        : '';
    return { path: `value${error.instancePath}`, message: `${error.message ?? 'is invalid'}${extra}` };
  });
}

interface Rule {
  selector: string;
  /** Key prefix the rule covers, or undefined for an exact key. */
  prefix: string | undefined;
  validate: ValidateFunction;
}

export function selectorPrefix(selector: string): string | undefined {
  return selector.endsWith('*') ? selector.slice(0, -1) : undefined;
}

/** Does `selector` (a key, `prefix*` or `*`) cover `key`? */
export function selectorCovers(selector: string, key: string): boolean {
  const prefix = selectorPrefix(selector);
  return prefix === undefined ? selector === key : key.startsWith(prefix);
}

/**
 * The schemas of one namespace at one schemaRevision. The most specific schema governs a key:
 * its exact-key schema, else the one with the longest matching prefix (`*` last). Writing
 * schemas takes the admin scope, so a narrower schema deliberately overrides a broader one.
 */
export class NamespaceSchemas {
  constructor(
    readonly schemaRevision: number,
    private readonly rules: Rule[],
  ) {}

  governing(key: string): Rule | undefined {
    let best: Rule | undefined;
    for (const rule of this.rules) {
      if (rule.prefix === undefined) {
        if (rule.selector === key) return rule;
      } else if (key.startsWith(rule.prefix) && (!best || rule.prefix.length > (best.prefix ?? '').length)) {
        best = rule;
      }
    }
    return best;
  }

  /** undefined when the value is acceptable; otherwise the governing selector and every error. */
  check(key: string, value: unknown): { selector: string; errors: ValueError[] } | undefined {
    const rule = this.governing(key);
    if (!rule || rule.validate(value)) return undefined;
    return { selector: rule.selector, errors: describeErrors(rule.validate.errors) };
  }
}

/**
 * Compiled validators, keyed by the schema's text: compiling is the slow part, and the same
 * schema text always compiles to the same validator. Bounded, least recently used out first.
 */
export class ValidatorCache {
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly capacity = 1_000) {}

  get(schemaJson: string): ValidateFunction {
    const id = createHash('sha256').update(schemaJson).digest('base64url');
    let validate = this.compiled.get(id);
    if (validate) {
      this.compiled.delete(id);
    } else {
      validate = compileValueSchema(JSON.parse(schemaJson));
      if (this.compiled.size >= this.capacity) this.compiled.delete(this.compiled.keys().next().value!);
    }
    this.compiled.set(id, validate);
    return validate;
  }

  rules(schemas: { selector: string; schema: unknown }[]): Rule[] {
    return schemas.map(({ selector, schema }) => ({
      selector,
      prefix: selectorPrefix(selector),
      validate: this.get(JSON.stringify(schema)),
    }));
  }
}
