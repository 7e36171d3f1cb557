import {
  type ChangeScope,
  createKeySpace,
  type KeySpace,
  type RedisClient,
  ScriptRunner,
  scriptsDir,
  toRedisError,
} from '@trellis/redis-core';
import type { ConfigLimits } from './config.js';

const SCRIPTS = ['put', 'delete', 'get', 'snapshot', 'schema-list', 'schema-put', 'schema-delete'] as const;

/**
 * ONE hash tag per namespace: every key of `payments/prod` (values, metadata, histories,
 * schemas, revision counter, event stream) lives in the slot of `{payments%2Fprod}`, so every
 * namespace operation is one script on one node, and each namespace has its own revision.
 * Namespaces are NOT hierarchical in storage: `payments/prod` and `payments/staging` are as
 * unrelated as `a` and `b` (different slots, revisions and streams). The one cross-namespace
 * structure is the name index used for listing, under its own tag; it is an index that heals
 * itself, never the source of truth.
 */
const INDEX_TAG = 'index';

/** Metadata as stored: "version|createRevision|modRevision|updatedAt|updatedBy". */
export interface StoredMeta {
  version: number;
  createRevision: number;
  modRevision: number;
  updatedAt: number;
  updatedBy: string;
}

export interface StoredEntry extends StoredMeta {
  key: string;
  /** Compact JSON text, exactly as written. */
  valueJson: string;
}

/** A version as recorded in a key's history (JSON built by config-lib.lua). */
export interface StoredVersion {
  version: number;
  revision: number;
  updatedAt: number;
  updatedBy: string;
  deleted: boolean;
  rollbackOf?: number;
  value?: unknown;
}

export interface StoredSchema {
  selector: string;
  revision: number;
  updatedAt: number;
  updatedBy: string;
  schema: unknown;
}

/** Conditions a write carries: '' (none), '*' (any), or the revisions quoted by the ETags. */
export interface WriteConditions {
  ifMatch: string;
  ifNoneMatch: string;
}

export function parseMeta(text: string): StoredMeta {
  const match = /^(\d+)\|(\d+)\|(\d+)\|(\d+)\|(.*)$/s.exec(text);
  if (!match) throw new Error(`corrupt entry metadata: ${text.slice(0, 64)}`);
  return {
    version: Number(match[1]),
    createRevision: Number(match[2]),
    modRevision: Number(match[3]),
    updatedAt: Number(match[4]),
    updatedBy: match[5] ?? '',
  };
}

function pairs(flat: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i]!, flat[i + 1]!);
  return map;
}

/** The only code of config-svc that talks to Redis. */
export class ConfigStore {
  readonly keys: KeySpace;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;

  constructor(
    private readonly redis: RedisClient,
    private readonly limits: ConfigLimits,
    private readonly options: { keyPrefix?: string; streamMaxLength: number },
  ) {
    this.keys = createKeySpace('config', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
  }

  scope(namespace: string): ChangeScope {
    return { revisionKey: this.keys.key('revision', namespace), streamKey: this.keys.key('events', namespace) };
  }

  private namespaceKeys(namespace: string) {
    return {
      ...this.scope(namespace),
      values: this.keys.key('values', namespace),
      entries: this.keys.key('entries', namespace),
      meta: this.keys.key('namespace', namespace),
      schemas: this.keys.key('schemas', namespace),
    };
  }

  private historyKey(namespace: string, key: string): string {
    return this.keys.key('history', namespace, key);
  }

  async get(namespace: string, key: string): Promise<{ revision: number; entry: StoredEntry | undefined }> {
    // Only the three keys the script reads: this is the hot path.
    const [revision, valueJson, meta] = await this.scripts.run<[number, string | null, string | null]>(
      'get',
      [this.keys.key('revision', namespace), this.keys.key('values', namespace), this.keys.key('entries', namespace)],
      [key],
    );
    if (valueJson === null || meta === null) return { revision: Number(revision), entry: undefined };
    return { revision: Number(revision), entry: { key, valueJson, ...parseMeta(meta) } };
  }

  /** Every entry at one revision; `entries` is undefined when `knownRevision` is still current. */
  async snapshot(namespace: string, knownRevision?: number): Promise<{ revision: number; entries: StoredEntry[] | undefined }> {
    const k = this.namespaceKeys(namespace);
    const [revision, unchanged, values, metas] = await this.scripts.run<[number, number, string[], string[]]>(
      'snapshot',
      [k.revisionKey, k.values, k.entries],
      [knownRevision === undefined ? '' : knownRevision],
    );
    if (unchanged === 1) return { revision: Number(revision), entries: undefined };
    const metaByKey = pairs(metas);
    const entries: StoredEntry[] = [];
    for (const [key, valueJson] of pairs(values)) {
      const meta = metaByKey.get(key);
      if (meta !== undefined) entries.push({ key, valueJson, ...parseMeta(meta) });
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { revision: Number(revision), entries };
  }

  async put(
    namespace: string,
    key: string,
    valueJson: string,
    write: WriteConditions & { schemaRevision: number; updatedBy: string; rollbackOf?: number | undefined },
  ): Promise<StoredEntry & { created: boolean }> {
    const k = this.namespaceKeys(namespace);
    const [version, createRevision, modRevision, updatedAt, created] = await this.scripts.run<[number, number, number, number, number]>(
      'put',
      [k.revisionKey, k.streamKey, k.values, k.entries, this.historyKey(namespace, key), k.meta],
      [
        key,
        valueJson,
        write.ifMatch,
        write.ifNoneMatch,
        write.schemaRevision,
        write.updatedBy,
        this.limits.historyLimit,
        this.options.streamMaxLength,
        this.limits.eventInlineValueBytes,
        this.limits.maxKeysPerNamespace,
        this.limits.maxNamespaceBytes,
        write.rollbackOf ?? '',
      ],
    );
    return { key, valueJson, version, createRevision, modRevision, updatedAt, updatedBy: write.updatedBy, created: created === 1 };
  }

  async delete(
    namespace: string,
    key: string,
    write: { ifMatch: string; updatedBy: string },
  ): Promise<{ version: number; modRevision: number; updatedAt: number; keysLeft: number }> {
    const k = this.namespaceKeys(namespace);
    const [version, modRevision, updatedAt, keysLeft] = await this.scripts.run<[number, number, number, number]>(
      'delete',
      [k.revisionKey, k.streamKey, k.values, k.entries, this.historyKey(namespace, key), k.meta],
      [
        key,
        write.ifMatch,
        write.updatedBy,
        this.limits.historyLimit,
        this.options.streamMaxLength,
        this.limits.deletedHistoryTtlSeconds * 1_000,
      ],
    );
    return { version, modRevision, updatedAt, keysLeft };
  }

  /** The retained versions of a key, newest first (a single list read: versions never change). */
  async history(namespace: string, key: string): Promise<StoredVersion[]> {
    try {
      const items = await this.redis.lrange(this.historyKey(namespace, key), 0, -1);
      return items.map((item) => JSON.parse(item) as StoredVersion);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async schemas(namespace: string): Promise<{ schemaRevision: number; schemas: StoredSchema[] }> {
    const k = this.namespaceKeys(namespace);
    const [schemaRevision, flat] = await this.scripts.run<[number, string[]]>('schema-list', [k.schemas, k.meta]);
    const schemas: StoredSchema[] = [];
    for (const [selector, record] of pairs(flat)) {
      schemas.push({ selector, ...(JSON.parse(record) as Omit<StoredSchema, 'selector'>) });
    }
    schemas.sort((a, b) => (a.selector < b.selector ? -1 : a.selector > b.selector ? 1 : 0));
    return { schemaRevision: Number(schemaRevision), schemas };
  }

  async putSchema(
    namespace: string,
    selector: string,
    schemaJson: string,
    write: WriteConditions & { checkedAtRevision: number; updatedBy: string },
  ): Promise<{ revision: number; updatedAt: number; created: boolean }> {
    const k = this.namespaceKeys(namespace);
    const [revision, updatedAt, created] = await this.scripts.run<[number, number, number]>(
      'schema-put',
      [k.revisionKey, k.streamKey, k.schemas, k.meta],
      [
        selector,
        schemaJson,
        write.ifMatch,
        write.ifNoneMatch,
        write.checkedAtRevision,
        write.updatedBy,
        this.options.streamMaxLength,
        this.limits.maxSchemasPerNamespace,
      ],
    );
    return { revision, updatedAt, created: created === 1 };
  }

  async deleteSchema(
    namespace: string,
    selector: string,
    write: { ifMatch: string; updatedBy: string; checkedAtRevision: number },
  ): Promise<number> {
    const k = this.namespaceKeys(namespace);
    return this.scripts.run<number>(
      'schema-delete',
      [k.revisionKey, k.streamKey, k.schemas, k.meta],
      [selector, write.ifMatch, write.updatedBy, this.options.streamMaxLength, write.checkedAtRevision],
    );
  }

  // --- The namespace name index (its own slot; healed by writers, filtered by readers). ---

  private get indexKey(): string {
    return this.keys.key('namespaces', INDEX_TAG);
  }

  /** Idempotent; writers call it beside every write, so a lost call is repaired by the next write. */
  async indexNamespace(namespace: string): Promise<void> {
    try {
      await this.redis.zadd(this.indexKey, 0, namespace);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  /** Drops an emptied namespace from the index, then re-adds it if a write raced the removal. */
  async unindexIfEmpty(namespace: string): Promise<void> {
    const empty = async () => {
      const { keys, schemas } = await this.namespaceSize(namespace);
      return keys === 0 && schemas === 0;
    };
    try {
      if (!(await empty())) return;
      await this.redis.zrem(this.indexKey, namespace);
      if (!(await empty())) await this.indexNamespace(namespace);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async namespaceSize(namespace: string): Promise<{ keys: number; schemas: number }> {
    const k = this.namespaceKeys(namespace);
    try {
      const [keys, schemas] = await Promise.all([this.redis.hlen(k.values), this.redis.hlen(k.schemas)]);
      return { keys, schemas };
    } catch (error) {
      throw toRedisError(error);
    }
  }

  /** Names after `after` (exclusive) starting with `prefix`, in byte order. */
  async indexedNamespaces(prefix: string, after: string | undefined, limit: number): Promise<string[]> {
    const start = after !== undefined && after >= prefix ? `(${after}` : `[${prefix}`;
    // '\xff' sorts after every name character, closing the prefix range.
    const end = prefix ? `[${prefix}\xff` : '+';
    try {
      return await this.redis.zrangebylex(this.indexKey, start, end, 'LIMIT', 0, limit);
    } catch (error) {
      throw toRedisError(error);
    }
  }
}
