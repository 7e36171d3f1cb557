import { type ChangeEvent, type ChangeLog, ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import type { ConfigLimits } from './config.js';
import type { ConfigStore, StoredEntry, StoredSchema } from './config-store.js';
import { etagOf, type Preconditions, preconditionFailed } from './preconditions.js';
import type {
  ConfigEntry,
  ConfigEvent,
  ConfigEventPage,
  ConfigEventType,
  HistoryEntry,
  HistoryPage,
  NamespaceList,
  ValueSchema,
  ValueSchemaList,
} from './schemas.js';
import { NamespaceSchemas, SchemaCompileError, selectorPrefix, ValidatorCache, type ValueError } from './value-schemas.js';

/** What the scripts append to a namespace's change log (see put.lua, delete.lua, schema-*.lua). */
interface RawConfigEvent {
  key?: string;
  selector?: string;
  version?: number;
  createRevision?: number;
  updatedBy: string;
  rollbackOf?: number;
  value?: unknown;
  valueOmitted?: boolean;
}

/** Retries when a schema or the namespace changed between our check and the write. */
const MAX_OPTIMISTIC_ATTEMPTS = 5;
const SCHEMA_CACHE_NAMESPACES = 1_000;
const MAX_NAMESPACE_SCAN_BATCHES = 10;

const iso = (ms: number) => new Date(ms).toISOString();

export function toEntry(namespace: string, stored: StoredEntry): ConfigEntry {
  return {
    namespace,
    key: stored.key,
    value: JSON.parse(stored.valueJson) as unknown,
    version: stored.version,
    createRevision: stored.createRevision,
    modRevision: stored.modRevision,
    updatedAt: iso(stored.updatedAt),
    updatedBy: stored.updatedBy,
    etag: etagOf(stored.modRevision),
  };
}

function toValueSchema(namespace: string, stored: StoredSchema): ValueSchema {
  return {
    namespace,
    selector: stored.selector,
    schema: stored.schema,
    revision: stored.revision,
    updatedAt: iso(stored.updatedAt),
    updatedBy: stored.updatedBy,
    etag: etagOf(stored.revision),
  };
}

export function toPublicEvent(namespace: string) {
  return (event: ChangeEvent<RawConfigEvent>): ConfigEvent => {
    const raw = event.data;
    const isKeyEvent = raw.key !== undefined;
    return {
      revision: event.revision,
      type: event.type as ConfigEventType,
      time: event.time,
      data: {
        namespace,
        key: raw.key,
        selector: raw.selector,
        value: raw.value,
        valueOmitted: raw.valueOmitted,
        version: raw.version,
        createRevision: raw.createRevision,
        modRevision: isKeyEvent ? event.revision : undefined,
        updatedAt: iso(event.time),
        updatedBy: raw.updatedBy,
        rollbackOf: raw.rollbackOf,
      },
    };
  };
}

/** Does a change to `selector` (a key, `prefix*` or `*`) concern watchers of keys starting with `prefix`? */
function selectorOverlaps(selector: string, prefix: string): boolean {
  const covered = selectorPrefix(selector);
  if (covered === undefined) return selector.startsWith(prefix);
  return covered.startsWith(prefix) || prefix.startsWith(covered);
}

const valueInvalid = (key: string, selector: string, errors: ValueError[]) =>
  new HttpProblem(422, 'VALUE_INVALID', `The value of ${key} does not satisfy the schema ${selector}: ${errors[0]?.path} ${errors[0]?.message}`, {
    extensions: { errors, schemaSelector: selector },
  });

/** config-svc's logic, between the HTTP routes and the Redis store. */
export class ConfigService {
  private readonly validators = new ValidatorCache();
  /** Per namespace, the schemas as last seen; writes carry their schemaRevision, so a stale copy is caught, never trusted. */
  private readonly schemaCache = new Map<string, NamespaceSchemas>();

  constructor(
    readonly store: ConfigStore,
    readonly changeLog: ChangeLog,
    private readonly limits: ConfigLimits,
    private readonly log: FastifyBaseLogger,
  ) {}

  // --- keys ---

  async getEntry(namespace: string, key: string): Promise<{ entry: ConfigEntry; revision: number }> {
    const { revision, entry } = await this.store.get(namespace, key);
    if (!entry) throw this.keyNotFound(namespace, key);
    return { entry: toEntry(namespace, entry), revision };
  }

  async snapshot(namespace: string, options: { prefix?: string | undefined; knownRevision?: number | undefined }) {
    const { revision, entries } = await this.store.snapshot(namespace, options.knownRevision);
    const prefix = options.prefix ?? '';
    return {
      revision,
      entries: entries?.filter((entry) => entry.key.startsWith(prefix)).map((entry) => toEntry(namespace, entry)),
    };
  }

  async put(
    namespace: string,
    key: string,
    value: unknown,
    conditions: Preconditions,
    updatedBy: string,
    rollbackOf?: number,
  ): Promise<{ entry: ConfigEntry; created: boolean }> {
    const valueJson = JSON.stringify(value);
    const bytes = Buffer.byteLength(valueJson);
    if (bytes > this.limits.maxValueBytes) {
      throw new HttpProblem(413, 'VALUE_TOO_LARGE', `The value is ${bytes} bytes as compact JSON; the limit is ${this.limits.maxValueBytes}`);
    }
    for (let attempt = 1; ; attempt += 1) {
      const fresh = attempt > 1;
      let schemas = await this.schemasFor(namespace, fresh);
      let failure = schemas.check(key, value);
      if (failure && !fresh) {
        // A cached copy is only trusted to accept (the script catches it if it is stale); a
        // refusal must come from the schemas as they are now.
        schemas = await this.schemasFor(namespace, true);
        failure = schemas.check(key, value);
      }
      if (failure) throw valueInvalid(key, failure.selector, failure.errors);
      try {
        const [stored] = await Promise.all([
          this.store.put(namespace, key, valueJson, { ...conditions, schemaRevision: schemas.schemaRevision, updatedBy, rollbackOf }),
          this.indexNamespace(namespace),
        ]);
        return { entry: toEntry(namespace, stored), created: stored.created };
      } catch (error) {
        if (error instanceof ScriptError && error.code === 'SCHEMA_CHANGED' && attempt < MAX_OPTIMISTIC_ATTEMPTS) continue;
        throw this.writeError(error, `Key ${key}`);
      }
    }
  }

  async remove(namespace: string, key: string, conditions: Preconditions, updatedBy: string) {
    if (conditions.ifNoneMatch !== '') {
      throw new HttpProblem(400, 'INVALID_PRECONDITION', 'DELETE takes If-Match, not If-None-Match');
    }
    try {
      const result = await this.store.delete(namespace, key, { ifMatch: conditions.ifMatch, updatedBy });
      if (result.keysLeft === 0) {
        await this.store.unindexIfEmpty(namespace).catch((error) => this.log.warn({ err: error }, 'namespace index not pruned'));
      }
      return result;
    } catch (error) {
      if (error instanceof ScriptError && error.code === 'NOT_FOUND') throw this.keyNotFound(namespace, key);
      throw this.writeError(error, `Key ${key}`);
    }
  }

  async history(namespace: string, key: string, options: { beforeVersion?: number | undefined; limit: number }): Promise<HistoryPage> {
    const versions = await this.store.history(namespace, key);
    if (versions.length === 0) throw notFound(`History of key ${key} in namespace ${namespace}`);
    const older = versions.filter((v) => options.beforeVersion === undefined || v.version < options.beforeVersion);
    const page = older.slice(0, options.limit);
    const entries: HistoryEntry[] = page.map((v) => ({
      version: v.version,
      revision: v.revision,
      deleted: v.deleted,
      ...(v.deleted ? {} : { value: v.value }),
      updatedAt: iso(v.updatedAt),
      updatedBy: v.updatedBy,
      ...(v.rollbackOf !== undefined ? { rollbackOf: v.rollbackOf } : {}),
    }));
    const last = page.at(-1);
    return {
      namespace,
      key,
      versions: entries,
      ...(older.length > page.length && last ? { nextBeforeVersion: last.version } : {}),
    };
  }

  /** Writes the value a retained version held, as a new version (validated against today's schema). */
  async rollback(namespace: string, key: string, toVersion: number, conditions: Preconditions, updatedBy: string) {
    const versions = await this.store.history(namespace, key);
    const target = versions.find((v) => v.version === toVersion);
    if (!target) {
      const retained = versions.length ? `; retained: ${versions.at(-1)!.version}..${versions[0]!.version}` : '';
      throw new HttpProblem(404, 'VERSION_NOT_FOUND', `Version ${toVersion} of key ${key} is not retained${retained}`);
    }
    if (target.deleted) {
      throw new HttpProblem(409, 'VERSION_IS_DELETION', `Version ${toVersion} of key ${key} is a deletion: DELETE the key instead`);
    }
    return this.put(namespace, key, target.value, conditions, updatedBy, toVersion);
  }

  // --- namespaces ---

  async listNamespaces(options: { prefix: string; cursor?: string | undefined; limit: number }): Promise<NamespaceList> {
    let after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const namespaces: NamespaceList['namespaces'] = [];
    for (let batch = 0; batch < MAX_NAMESPACE_SCAN_BATCHES && namespaces.length < options.limit; batch += 1) {
      const names = await this.store.indexedNamespaces(options.prefix, after, options.limit - namespaces.length);
      const sizes = await Promise.all(names.map((name) => this.store.namespaceSize(name)));
      names.forEach((name, i) => {
        const size = sizes[i]!;
        // The index may name a namespace that was emptied (or never written): skip it.
        if (size.keys > 0 || size.schemas > 0) namespaces.push({ namespace: name, keys: size.keys });
      });
      if (names.length === 0) return { namespaces };
      after = names.at(-1);
    }
    return after === undefined ? { namespaces } : { namespaces, nextCursor: encodeCursor(after) };
  }

  private async indexNamespace(namespace: string): Promise<void> {
    // The index only serves listing and heals on the next write: never fail a write for it.
    await this.store.indexNamespace(namespace).catch((error) => this.log.warn({ err: error }, 'namespace index not updated'));
  }

  // --- value schemas ---

  private async schemasFor(namespace: string, fresh: boolean): Promise<NamespaceSchemas> {
    const cached = this.schemaCache.get(namespace);
    if (cached && !fresh) {
      this.schemaCache.delete(namespace);
      this.schemaCache.set(namespace, cached);
      return cached;
    }
    // A namespace never seen here is assumed to have no schemas: the write script checks the
    // schemaRevision, so a wrong guess costs one retry, and schema-less namespaces one round trip.
    let schemas = new NamespaceSchemas(0, []);
    if (fresh) {
      const { schemaRevision, schemas: stored } = await this.store.schemas(namespace);
      schemas = new NamespaceSchemas(schemaRevision, this.compileStored(stored));
    }
    this.schemaCache.delete(namespace);
    if (this.schemaCache.size >= SCHEMA_CACHE_NAMESPACES) this.schemaCache.delete(this.schemaCache.keys().next().value!);
    this.schemaCache.set(namespace, schemas);
    return schemas;
  }

  private compileStored(stored: StoredSchema[]) {
    try {
      return this.validators.rules(stored);
    } catch (error) {
      // Only schemas that compiled are stored, so this is our bug (or an ajv upgrade), not the caller's.
      throw new Error(`a stored value schema no longer compiles: ${(error as Error).message}`, { cause: error });
    }
  }

  async listSchemas(namespace: string): Promise<ValueSchemaList> {
    const { schemaRevision, schemas } = await this.store.schemas(namespace);
    return { namespace, schemaRevision, schemas: schemas.map((s) => toValueSchema(namespace, s)) };
  }

  async getSchema(namespace: string, selector: string): Promise<ValueSchema> {
    const { schemas } = await this.store.schemas(namespace);
    const found = schemas.find((s) => s.selector === selector);
    if (!found) throw notFound(`Schema ${selector} in namespace ${namespace}`);
    return toValueSchema(namespace, found);
  }

  /**
   * Sets a schema only if every current value it would govern satisfies it, so "every value
   * satisfies the schema that governs it" always holds. The check runs on a snapshot; the script
   * refuses if the namespace moved since, and we check again.
   */
  async putSchema(namespace: string, selector: string, schema: unknown, conditions: Preconditions, updatedBy: string) {
    const schemaJson = JSON.stringify(schema);
    const bytes = Buffer.byteLength(schemaJson);
    if (bytes > this.limits.maxSchemaBytes) {
      throw new HttpProblem(413, 'SCHEMA_TOO_LARGE', `The schema is ${bytes} bytes as compact JSON; the limit is ${this.limits.maxSchemaBytes}`);
    }
    let validate: ReturnType<ValidatorCache['get']>;
    try {
      validate = this.validators.get(schemaJson);
    } catch (error) {
      if (error instanceof SchemaCompileError) throw new HttpProblem(422, 'INVALID_SCHEMA', `The schema cannot be used: ${error.message}`);
      throw error;
    }
    return this.changeSchemas(namespace, selector, 'put', async (checkedAtRevision, current) => {
      const others = current.filter((s) => s.selector !== selector);
      const after = new NamespaceSchemas(0, [...this.compileStored(others), { selector, prefix: selectorPrefix(selector), validate }]);
      return { after, write: () => this.store.putSchema(namespace, selector, schemaJson, { ...conditions, checkedAtRevision, updatedBy }) };
    });
  }

  async deleteSchema(namespace: string, selector: string, conditions: Preconditions, updatedBy: string) {
    if (conditions.ifNoneMatch !== '') {
      throw new HttpProblem(400, 'INVALID_PRECONDITION', 'DELETE takes If-Match, not If-None-Match');
    }
    return this.changeSchemas(namespace, selector, 'delete', async (checkedAtRevision, current) => {
      if (!current.some((s) => s.selector === selector)) throw notFound(`Schema ${selector} in namespace ${namespace}`);
      const after = new NamespaceSchemas(0, this.compileStored(current.filter((s) => s.selector !== selector)));
      return {
        after,
        write: () => this.store.deleteSchema(namespace, selector, { ifMatch: conditions.ifMatch, updatedBy, checkedAtRevision }),
      };
    });
  }

  private async changeSchemas<T>(
    namespace: string,
    selector: string,
    change: 'put' | 'delete',
    prepare: (checkedAtRevision: number, current: StoredSchema[]) => Promise<{ after: NamespaceSchemas; write: () => Promise<T> }>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      // Values first, schemas second: if a schema changes in between, the revision moved and the write refuses.
      const snapshot = await this.store.snapshot(namespace);
      const { schemas: current } = await this.store.schemas(namespace);
      const { after, write } = await prepare(snapshot.revision, current);
      const before = new NamespaceSchemas(0, this.compileStored(current));
      const errors: ValueError[] = [];
      for (const entry of snapshot.entries ?? []) {
        // Only keys whose governing schema is this selector, before or after the change, can be affected.
        if (before.governing(entry.key)?.selector !== selector && after.governing(entry.key)?.selector !== selector) continue;
        const failure = after.check(entry.key, JSON.parse(entry.valueJson));
        if (failure) errors.push(...failure.errors.map((e) => ({ path: `${entry.key}/${e.path}`, message: e.message })));
        if (errors.length >= 50) break;
      }
      if (errors.length) {
        throw new HttpProblem(
          422,
          'EXISTING_VALUES_INVALID',
          `After this ${change} some current values would not satisfy their schema, e.g. ${errors[0]!.path} ${errors[0]!.message}: fix them first`,
          { extensions: { errors: errors.slice(0, 50) } },
        );
      }
      try {
        const result = await write();
        this.schemaCache.delete(namespace);
        await this.indexNamespace(namespace);
        return result;
      } catch (error) {
        if (error instanceof ScriptError && error.code === 'REVISION_CHANGED' && attempt < MAX_OPTIMISTIC_ATTEMPTS) continue;
        if (error instanceof ScriptError && error.code === 'REVISION_CHANGED') {
          throw new HttpProblem(409, 'CONFLICT', `Namespace ${namespace} kept changing while its values were checked; retry`);
        }
        if (error instanceof ScriptError && error.code === 'NOT_FOUND') throw notFound(`Schema ${selector} in namespace ${namespace}`);
        throw this.writeError(error, `Schema ${selector}`);
      }
    }
  }

  // --- watch ---

  eventFilter(prefix: string | undefined) {
    if (!prefix) return undefined;
    return (event: ChangeEvent<RawConfigEvent>) => {
      const { key, selector } = event.data;
      if (key !== undefined) return key.startsWith(prefix);
      return selector !== undefined && selectorOverlaps(selector, prefix);
    };
  }

  async waitForEvents(namespace: string, prefix: string | undefined, afterRevision: number, timeoutMs: number): Promise<ConfigEventPage> {
    const page = await this.changeLog.waitForEvents<RawConfigEvent>(
      this.store.scope(namespace),
      afterRevision,
      timeoutMs,
      this.eventFilter(prefix) ?? (() => true),
    );
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toPublicEvent(namespace)) };
  }

  // --- errors ---

  private keyNotFound(namespace: string, key: string): HttpProblem {
    const hint = namespace.includes('/') ? '' : ' (a namespace containing "/" is sent as %2F in the path: /v1/config/payments%2Fprod/key)';
    return new HttpProblem(404, 'NOT_FOUND', `Key ${key} was not found in namespace ${namespace}${hint}`);
  }

  private writeError(error: unknown, what: string): unknown {
    if (!(error instanceof ScriptError)) return error;
    switch (error.code) {
      case 'PRECONDITION_FAILED':
        return preconditionFailed(error.message.trim(), what);
      case 'NAMESPACE_FULL':
        return new HttpProblem(
          409,
          'NAMESPACE_FULL',
          error.message.startsWith('keys')
            ? `The namespace already holds ${this.limits.maxKeysPerNamespace} keys`
            : `The namespace's values would exceed ${this.limits.maxNamespaceBytes} bytes`,
        );
      case 'SCHEMA_LIMIT':
        return new HttpProblem(409, 'SCHEMA_LIMIT', `The namespace already has ${this.limits.maxSchemasPerNamespace} schemas`);
      case 'SCHEMA_CHANGED':
        return new HttpProblem(409, 'CONFLICT', 'The value schemas kept changing during the write; retry');
      default:
        return error;
    }
  }
}

export function encodeCursor(name: string): string {
  return Buffer.from(name).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const name = Buffer.from(cursor, 'base64url').toString();
  if (!/^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/.test(name)) throw new HttpProblem(400, 'INVALID_CURSOR', 'The cursor is not one this API returned');
  return name;
}
