import {
  type ChangeScope,
  createKeySpace,
  escapeKeySegment,
  type KeySpace,
  type RedisClient,
  ScriptRunner,
  scriptsDir,
  toRedisError,
  unescapeKeySegment,
} from '@trellis/redis-core';

const SCRIPTS = ['doc-get', 'doc-put', 'doc-delete', 'doc-list', 'doc-reap', 'ttl-schedule', 'ttl-claim', 'ttl-settle'] as const;

/**
 * Hash tags: every key of a namespace carries the namespace as its tag (documents, key index,
 * expiry index, revision, event stream, fencing marks), so each document script runs in one
 * cluster slot and a namespace is the unit of atomicity, ordering and watching. The only
 * cross-namespace key, the reaper's schedule, has its own tag and is a self-healing hint.
 */
const REAPER_TAG = 'ttl-reaper';

/** What a write must find first. */
export type Precondition =
  | { mode: 'none' }
  | { mode: 'exists' }
  | { mode: 'absent' }
  | { mode: 'match'; versions: number[] };

/** A fenced write: the lock, the token the writer holds and the newest the lock service had issued. */
export interface FenceCheck {
  lock: string;
  token: number;
  issued: number;
}

export interface StoredDocument {
  namespace: string;
  key: string;
  /** The data's JSON text, exactly as written. */
  dataJson: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  /** ms since epoch; 0 = never. */
  expiresAt: number;
}

export interface WriteRequest {
  dataJson: string;
  updatedBy: string;
  /** ms; 0 = no expiry, -1 = keep the document's current expiry. */
  ttlMs: number;
  precondition: Precondition;
  fence: FenceCheck | undefined;
}

export interface KeyListing {
  revision: number;
  /** The last key read, to continue after; undefined when the index is exhausted. */
  lastKey: string | undefined;
  items: { key: string; version: number; updatedAt: number; expiresAt: number }[];
}

export interface StateStoreOptions {
  keyPrefix?: string;
  streamMaxLength?: number;
  expiryGraceMs?: number;
}

function preconditionArgs(precondition: Precondition): [string, string] {
  return [precondition.mode, precondition.mode === 'match' ? precondition.versions.join(' ') : ''];
}

function fenceArgs(fence: FenceCheck | undefined): [string, number, number] {
  return fence ? [fence.lock, fence.token, fence.issued] : ['', 0, 0];
}

/** The only code of state-svc's documents that talks to Redis. */
export class StateStore {
  readonly keys: KeySpace;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly maxLen: number;
  private readonly graceMs: number;

  constructor(
    private readonly redis: RedisClient,
    options: StateStoreOptions = {},
  ) {
    this.keys = createKeySpace('state', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.maxLen = options.streamMaxLength ?? 1_000;
    this.graceMs = options.expiryGraceMs ?? 3_600_000;
  }

  /** The change log of one namespace: every write bumps its revision in the same script. */
  scope(namespace: string): ChangeScope {
    return { revisionKey: this.keys.key('revision', namespace), streamKey: this.keys.key('events', namespace) };
  }

  private namespaceKeys(namespace: string) {
    const scope = this.scope(namespace);
    return {
      index: this.keys.key('keys', namespace),
      expiries: this.keys.key('expiries', namespace),
      revision: scope.revisionKey,
      events: scope.streamKey,
      fences: this.keys.key('fences', namespace),
      // Scripts append a key's escaped segment to this, giving exactly keys.key('doc', ns, key).
      docPrefix: `${this.keys.key('doc', namespace)}:`,
    };
  }

  private docKey(namespace: string, key: string): string {
    return this.keys.key('doc', namespace, key);
  }

  /**
   * One HMGET, not a script: a document without a TTL is live whenever it exists, so nothing
   * needs Redis's clock (and a plain command costs Redis a fraction of a script call). Only a
   * document with a TTL goes on to doc-get, which judges its deadline by Redis time.
   */
  async get(namespace: string, key: string): Promise<StoredDocument | undefined> {
    const docKey = this.docKey(namespace, key);
    let fields: (string | null)[];
    try {
      fields = await this.redis.hmget(docKey, 'd', 'v', 'ca', 'ua', 'ub', 'ea');
    } catch (error) {
      throw toRedisError(error);
    }
    const [dataJson, version, createdAt, updatedAt, updatedBy, expiresAt] = fields;
    if (dataJson == null || version == null) return undefined;
    if (expiresAt == null || expiresAt === '0') {
      return {
        namespace,
        key,
        dataJson,
        version: Number(version),
        createdAt: Number(createdAt),
        updatedAt: Number(updatedAt),
        updatedBy: updatedBy ?? '',
        expiresAt: 0,
      };
    }
    return this.getWithDeadline(namespace, key, docKey);
  }

  private async getWithDeadline(namespace: string, key: string, docKey: string): Promise<StoredDocument | undefined> {
    const reply = await this.scripts.run<[string, number, number, number, string, number] | []>('doc-get', [docKey]);
    if (reply.length === 0) return undefined;
    const [dataJson, version, createdAt, updatedAt, updatedBy, expiresAt] = reply;
    return { namespace, key, dataJson, version, createdAt, updatedAt, updatedBy, expiresAt };
  }

  /** Throws ScriptError PRECONDITION_FAILED / FENCING_TOKEN_STALE / FENCING_TOKEN_UNKNOWN on refusal. */
  async put(namespace: string, key: string, write: WriteRequest): Promise<{ created: boolean; document: StoredDocument }> {
    const k = this.namespaceKeys(namespace);
    const [created, version, createdAt, updatedAt, expiresAt] = await this.scripts.run<[number, number, number, number, number, number]>(
      'doc-put',
      [this.docKey(namespace, key), k.index, k.expiries, k.revision, k.events, k.fences],
      [
        namespace,
        escapeKeySegment(key),
        write.dataJson,
        write.updatedBy,
        write.ttlMs,
        ...preconditionArgs(write.precondition),
        ...fenceArgs(write.fence),
        this.maxLen,
        this.graceMs,
      ],
    );
    return {
      created: created === 1,
      document: { namespace, key, dataJson: write.dataJson, version, createdAt, updatedAt, updatedBy: write.updatedBy, expiresAt },
    };
  }

  /** False when there was no live document. Throws ScriptError on refusal, like put. */
  async delete(namespace: string, key: string, precondition: Precondition, fence: FenceCheck | undefined): Promise<boolean> {
    const k = this.namespaceKeys(namespace);
    const [deleted] = await this.scripts.run<[number, number]>(
      'doc-delete',
      [this.docKey(namespace, key), k.index, k.expiries, k.revision, k.events, k.fences],
      [namespace, escapeKeySegment(key), ...preconditionArgs(precondition), ...fenceArgs(fence), this.maxLen],
    );
    return deleted === 1;
  }

  async list(namespace: string, afterKey: string | undefined, limit: number): Promise<KeyListing> {
    const k = this.namespaceKeys(namespace);
    const reply = await this.scripts.run<(string | number)[]>(
      'doc-list',
      [k.index, k.expiries, k.revision, k.events],
      [k.docPrefix, namespace, afterKey === undefined ? '' : escapeKeySegment(afterKey), limit, this.maxLen],
    );
    const items: KeyListing['items'] = [];
    for (let i = 2; i + 3 < reply.length; i += 4) {
      items.push({
        key: unescapeKeySegment(String(reply[i])),
        version: Number(reply[i + 1]),
        updatedAt: Number(reply[i + 2]),
        expiresAt: Number(reply[i + 3]),
      });
    }
    const last = String(reply[1]);
    return { revision: Number(reply[0]), lastKey: last === '' ? undefined : unescapeKeySegment(last), items };
  }

  /** Expires up to `limit` documents of a namespace that are past their deadline. */
  async reapNamespace(namespace: string, limit: number): Promise<{ expired: number; nextDeadline: number | undefined }> {
    const k = this.namespaceKeys(namespace);
    const [expired, next] = await this.scripts.run<[number, number]>(
      'doc-reap',
      [k.index, k.expiries, k.revision, k.events],
      [k.docPrefix, namespace, limit, this.maxLen],
    );
    return { expired, nextDeadline: next < 0 ? undefined : next };
  }

  private get reaperScheduleKey(): string {
    return this.keys.key('ttl-namespaces', REAPER_TAG);
  }

  /** Asks the reaper to visit `namespace` by `deadline` (ms). */
  async scheduleExpiry(namespace: string, deadline: number): Promise<void> {
    await this.scripts.run('ttl-schedule', [this.reaperScheduleKey], [namespace, Math.floor(deadline)]);
  }

  /** Namespaces due for a visit, each claimed for `claimMs` so replicas do not visit it twice. */
  async claimDueNamespaces(limit: number, claimMs: number): Promise<{ namespace: string; claim: number }[]> {
    const reply = await this.scripts.run<(string | number)[]>('ttl-claim', [this.reaperScheduleKey], [limit, claimMs]);
    const claims: { namespace: string; claim: number }[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) claims.push({ namespace: String(reply[i]), claim: Number(reply[i + 1]) });
    return claims;
  }

  async settleNamespace(namespace: string, claim: number, nextDeadline: number | undefined): Promise<void> {
    await this.scripts.run('ttl-settle', [this.reaperScheduleKey], [namespace, claim, nextDeadline ?? -1]);
  }
}
