import {
  type ChangeScope,
  createKeySpace,
  type KeySpace,
  type RedisClient,
  ScriptRunner,
  scriptsDir,
  toRedisError,
} from '@trellis/redis-core';

const SCRIPTS = [
  'put-flag',
  'delete-flag',
  'put-segment',
  'delete-segment',
  'import',
  'read-environment',
  'get-entity',
  'list-flags',
  'list-segments',
  'environment-info',
  'put-environment',
  'delete-environment',
  'add-usage',
] as const;

/** The index of environment names: the only key outside an environment's own slot. */
const INDEX_TAG = 'environments';

/** Metadata as the scripts store it (times in ms). */
export interface StoredMeta {
  version: number;
  createRevision: number;
  modRevision: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface StoreOptions {
  keyPrefix?: string;
  /** Events kept for resuming watchers; older ones answer "compacted". */
  streamMaxLength?: number;
  usageRetentionSeconds?: number;
}

export interface EnvironmentSnapshotData {
  exists: boolean;
  revision: number;
  flags: Map<string, string>;
  segments: Map<string, string>;
}

export interface ImportEntities {
  segments: { id: number; json: string }[];
  flags: { name: string; json: string; parents: string[]; segmentIds: number[] }[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

function pairs(list: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < list.length; i += 2) map.set(list[i] as string, list[i + 1] as string);
  return map;
}

function counts(list: number[]): ImportCounts {
  return { created: list[0] ?? 0, updated: list[1] ?? 0, unchanged: list[2] ?? 0, deleted: list[3] ?? 0 };
}

/**
 * The only code of flags-svc that talks to Redis. Every key of an environment carries the
 * environment as its hash tag, so the flag set, its indexes and its change log are one slot
 * and every write is one script.
 */
export class FlagsStore {
  readonly keys: KeySpace;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly maxLen: number;
  private readonly usageRetentionSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    options: StoreOptions = {},
  ) {
    this.keys = createKeySpace('flags', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.maxLen = options.streamMaxLength ?? 10_000;
    this.usageRetentionSeconds = options.usageRetentionSeconds ?? 8 * 86_400;
  }

  scope(env: string): ChangeScope {
    return { revisionKey: this.keys.key('revision', env), streamKey: this.keys.key('events', env) };
  }

  private envKeys(env: string) {
    const k = (entity: string) => this.keys.key(entity, env);
    return {
      revision: k('revision'),
      events: k('events'),
      meta: k('environment'),
      flags: k('flags'),
      flagMeta: k('flag-meta'),
      flagNames: k('flag-names'),
      flagDeps: k('flag-deps'),
      flagSegments: k('flag-segments'),
      segments: k('segments'),
      segmentMeta: k('segment-meta'),
      segmentSeq: k('segment-seq'),
    };
  }

  async putFlag(
    env: string,
    name: string,
    featureJson: string,
    refs: { parents: string[]; segmentIds: number[] },
    expected: string,
    updatedBy: string,
  ): Promise<{ outcome: WriteOutcome; meta: StoredMeta; revision: number; environmentCreated: boolean }> {
    const k = this.envKeys(env);
    const [outcome, meta, revision, envCreated] = await this.scripts.run<[WriteOutcome, string, number, number]>(
      'put-flag',
      [k.revision, k.events, k.meta, k.flags, k.flagMeta, k.flagNames, k.flagDeps, k.flagSegments, k.segments],
      [env, name, featureJson, expected, refs.parents.join(' '), refs.segmentIds.join(' '), updatedBy, this.maxLen],
    );
    return { outcome, meta: JSON.parse(meta) as StoredMeta, revision: Number(revision), environmentCreated: envCreated === 1 };
  }

  async deleteFlag(env: string, name: string, expected: string): Promise<number> {
    const k = this.envKeys(env);
    return this.scripts.run<number>(
      'delete-flag',
      [k.revision, k.events, k.flags, k.flagMeta, k.flagNames, k.flagDeps, k.flagSegments],
      [env, name, expected, this.maxLen],
    );
  }

  async getFlag(env: string, name: string): Promise<{ revision: number; json: string; meta: StoredMeta } | undefined> {
    const k = this.envKeys(env);
    const [revision, json, meta] = await this.scripts.run<[number, string | null, string | null]>(
      'get-entity',
      [k.revision, k.flags, k.flagMeta],
      [name],
    );
    if (!json || !meta) return undefined;
    return { revision: Number(revision), json, meta: JSON.parse(meta) as StoredMeta };
  }

  async listFlags(
    env: string,
    after: string,
    limit: number,
    prefix: string,
  ): Promise<{ revision: number; items: { name: string; json: string; meta: StoredMeta }[]; more: boolean }> {
    const k = this.envKeys(env);
    const [revision, names, jsons, metas, more] = await this.scripts.run<
      [number, string[], (string | null)[], (string | null)[], number]
    >('list-flags', [k.revision, k.flagNames, k.flags, k.flagMeta], [after, limit, prefix]);
    const items: { name: string; json: string; meta: StoredMeta }[] = [];
    names.forEach((name, i) => {
      const json = jsons[i];
      const meta = metas[i];
      // A name left in the index without its flag would be a bug; skip it rather than fail the page.
      if (json && meta) items.push({ name, json, meta: JSON.parse(meta) as StoredMeta });
    });
    return { revision: Number(revision), items, more: more === 1 };
  }

  async putSegment(
    env: string,
    id: number | undefined,
    segment: { name: string; description: string | null; constraintsJson: string },
    expected: string,
    updatedBy: string,
  ): Promise<{ outcome: WriteOutcome; id: number; json: string; meta: StoredMeta; revision: number; environmentCreated: boolean }> {
    const k = this.envKeys(env);
    const [outcome, newId, json, meta, revision, envCreated] = await this.scripts.run<
      [WriteOutcome, string, string, string, number, number]
    >(
      'put-segment',
      [k.revision, k.events, k.meta, k.segments, k.segmentMeta, k.segmentSeq],
      [
        env,
        id === undefined ? '' : String(id),
        segment.name,
        JSON.stringify(segment.description),
        segment.constraintsJson,
        expected,
        updatedBy,
        this.maxLen,
      ],
    );
    return {
      outcome,
      id: Number(newId),
      json,
      meta: JSON.parse(meta) as StoredMeta,
      revision: Number(revision),
      environmentCreated: envCreated === 1,
    };
  }

  async deleteSegment(env: string, id: number, expected: string): Promise<number> {
    const k = this.envKeys(env);
    return this.scripts.run<number>(
      'delete-segment',
      [k.revision, k.events, k.segments, k.segmentMeta, k.flagSegments],
      [env, String(id), expected, this.maxLen],
    );
  }

  async getSegment(env: string, id: number): Promise<{ revision: number; json: string; meta: StoredMeta } | undefined> {
    const k = this.envKeys(env);
    const [revision, json, meta] = await this.scripts.run<[number, string | null, string | null]>(
      'get-entity',
      [k.revision, k.segments, k.segmentMeta],
      [String(id)],
    );
    if (!json || !meta) return undefined;
    return { revision: Number(revision), json, meta: JSON.parse(meta) as StoredMeta };
  }

  async listSegments(env: string): Promise<{ revision: number; items: { json: string; meta: StoredMeta }[] }> {
    const k = this.envKeys(env);
    const [revision, segments, metas] = await this.scripts.run<[number, string[], string[]]>(
      'list-segments',
      [k.revision, k.segments, k.segmentMeta],
    );
    const metaById = pairs(metas);
    const items = [...pairs(segments)].flatMap(([id, json]) => {
      const meta = metaById.get(id);
      return meta ? [{ json, meta: JSON.parse(meta) as StoredMeta }] : [];
    });
    return { revision: Number(revision), items };
  }

  /** The whole environment at one revision. */
  async readEnvironment(env: string): Promise<EnvironmentSnapshotData> {
    const k = this.envKeys(env);
    const [exists, revision, flags, segments] = await this.scripts.run<[number, number, string[], string[]]>(
      'read-environment',
      [k.revision, k.meta, k.flags, k.segments],
    );
    return { exists: exists === 1, revision: Number(revision), flags: pairs(flags), segments: pairs(segments) };
  }

  async importDocument(
    env: string,
    expectedRevision: number,
    replace: boolean,
    entities: ImportEntities,
    updatedBy: string,
  ): Promise<{ revision: number; flags: ImportCounts; segments: ImportCounts; environmentCreated: boolean }> {
    const k = this.envKeys(env);
    const args: (string | number)[] = [env, expectedRevision, replace ? 1 : 0, updatedBy, this.maxLen];
    args.push(entities.segments.length);
    for (const s of entities.segments) args.push(String(s.id), s.json);
    args.push(entities.flags.length);
    for (const f of entities.flags) args.push(f.name, f.json, f.parents.join(' '), f.segmentIds.join(' '));
    const [revision, flagCounts, segmentCounts, envCreated] = await this.scripts.run<[number, number[], number[], number]>(
      'import',
      [
        k.revision,
        k.events,
        k.meta,
        k.flags,
        k.flagMeta,
        k.flagNames,
        k.flagDeps,
        k.flagSegments,
        k.segments,
        k.segmentMeta,
        k.segmentSeq,
      ],
      args,
    );
    return {
      revision: Number(revision),
      flags: counts(flagCounts),
      segments: counts(segmentCounts),
      environmentCreated: envCreated === 1,
    };
  }

  async environmentInfo(env: string): Promise<
    | { exists: false; revision: number }
    | { exists: true; revision: number; createdAt: number; description: string | null; flags: number; segments: number }
  > {
    const k = this.envKeys(env);
    const [exists, revision, createdAt, description, flags, segments] = await this.scripts.run<
      [number, number, string | null, string | null, number, number]
    >('environment-info', [k.revision, k.meta, k.flags, k.segments]);
    if (exists !== 1) return { exists: false, revision: Number(revision) };
    return {
      exists: true,
      revision: Number(revision),
      createdAt: Number(createdAt),
      description: description || null,
      flags: Number(flags),
      segments: Number(segments),
    };
  }

  async putEnvironment(env: string, description: string | null | undefined): Promise<boolean> {
    const created = await this.scripts.run<number>(
      'put-environment',
      [this.envKeys(env).meta],
      [description === undefined ? 'null' : JSON.stringify(description ?? '')],
    );
    return created === 1;
  }

  async deleteEnvironment(env: string): Promise<number> {
    const k = this.envKeys(env);
    return this.scripts.run<number>('delete-environment', [k.revision, k.events, k.meta, k.flags, k.segments], [env, this.maxLen]);
  }

  /** Adds to the environment index (idempotent; healed by listing, see listEnvironmentNames). */
  async indexEnvironment(env: string): Promise<void> {
    try {
      await this.redis.sadd(this.keys.key('index', INDEX_TAG), env);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async unindexEnvironment(env: string): Promise<void> {
    try {
      await this.redis.srem(this.keys.key('index', INDEX_TAG), env);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async environmentNames(): Promise<string[]> {
    try {
      return (await this.redis.smembers(this.keys.key('index', INDEX_TAG))).sort();
    } catch (error) {
      throw toRedisError(error);
    }
  }

  usageKey(env: string, flag: string, day: string): string {
    return this.keys.key('usage', env, flag, day);
  }

  async addUsage(env: string, flag: string, day: string, increments: Map<string, number>): Promise<void> {
    const args: (string | number)[] = [this.usageRetentionSeconds];
    for (const [field, n] of increments) args.push(field, n);
    await this.scripts.run('add-usage', [this.usageKey(env, flag, day)], args);
  }

  async readUsage(env: string, flag: string, days: string[]): Promise<Map<string, number>> {
    try {
      const results = await Promise.all(days.map((day) => this.redis.hgetall(this.usageKey(env, flag, day))));
      const out = new Map<string, number>();
      for (const hash of results) for (const [field, n] of Object.entries(hash)) out.set(field, (out.get(field) ?? 0) + Number(n));
      return out;
    } catch (error) {
      throw toRedisError(error);
    }
  }
}
