import { type ChangeEvent, type ChangeLog, ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import { type DocumentLimits, encodeDocumentData, jsonDepth } from './document-codec.js';
import { formatETag, type IfMatch, ifMatchHits } from './etag.js';
import { KeyedQueue } from './keyed-queue.js';
import type { LockStore } from './lock-store.js';
import { applyMergePatch } from './merge-patch.js';
import type { KeyPage, StateDocument, StateEvent, StateEventPage, StateEventType } from './schemas.js';
import type { FenceCheck, Precondition, StateStore, StoredDocument } from './state-store.js';

/** What the document scripts append to a namespace's change log (times in ms). */
interface RawStateEvent {
  namespace: string;
  key: string;
  previousVersion: number | null;
  document: {
    version: number;
    createdAt: number;
    updatedAt: number;
    updatedBy: string;
    expiresAt: number;
    data: unknown;
  } | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function publicDocument(
  namespace: string,
  key: string,
  fields: { version: number; createdAt: number; updatedAt: number; updatedBy: string; expiresAt: number },
  data: unknown,
): StateDocument {
  return {
    namespace,
    key,
    version: fields.version,
    etag: formatETag(fields.version),
    createdAt: iso(fields.createdAt),
    updatedAt: iso(fields.updatedAt),
    updatedBy: fields.updatedBy,
    expiresAt: fields.expiresAt > 0 ? iso(fields.expiresAt) : null,
    data,
  };
}

export function toStateDocument(stored: StoredDocument): StateDocument {
  return publicDocument(stored.namespace, stored.key, stored, JSON.parse(stored.dataJson));
}

export function toPublicEvent(event: ChangeEvent<RawStateEvent>): StateEvent {
  const { namespace, key, previousVersion, document } = event.data;
  return {
    revision: event.revision,
    type: event.type as StateEventType,
    time: event.time,
    data: {
      namespace,
      key,
      previousVersion,
      document: document ? publicDocument(namespace, key, document, document.data) : null,
    },
  };
}

/** A fenced write as the client asked for it: X-Fencing-Lock + X-Fencing-Token. */
export interface FenceClaim {
  lock: string;
  token: number;
}

export interface WriteOptions {
  ifMatch: IfMatch | undefined;
  ifNoneMatch?: boolean;
  fence: FenceClaim | undefined;
  actor: string;
}

/** A PATCH retries its read-merge-CAS when a concurrent write slips in and If-Match still allows it. */
const PATCH_ATTEMPTS = 16;
const PATCH_RETRY_MAX_MS = 100;

function preconditionFailed(currentVersion: number | undefined, detail: string): HttpProblem {
  if (currentVersion === undefined) return new HttpProblem(412, 'PRECONDITION_FAILED', detail);
  const etag = formatETag(currentVersion);
  return new HttpProblem(412, 'PRECONDITION_FAILED', detail, { headers: { etag }, extensions: { currentETag: etag } });
}

/** Maps the document scripts' refusals onto HTTP answers. */
function translateRefusal(error: unknown): unknown {
  if (!(error instanceof ScriptError)) return error;
  switch (error.code) {
    case 'PRECONDITION_FAILED': {
      const current = error.message.trim() === '' ? undefined : Number(error.message);
      return preconditionFailed(
        current,
        current === undefined ? 'The document does not exist' : `The document is at version ${current}`,
      );
    }
    case 'FENCING_TOKEN_STALE':
      return new HttpProblem(409, 'FENCING_TOKEN_STALE', `A newer fencing token (${error.message}) exists for this lock: this writer lost it`, {
        extensions: { highestFencingToken: Number(error.message) },
      });
    case 'FENCING_TOKEN_UNKNOWN':
      return new HttpProblem(409, 'FENCING_TOKEN_UNKNOWN', `This fencing token was never issued for the lock (newest: ${error.message})`, {
        extensions: { highestFencingToken: Number(error.message) },
      });
    default:
      return error;
  }
}

function toPrecondition(options: { ifMatch: IfMatch | undefined; ifNoneMatch?: boolean }): Precondition {
  if (options.ifMatch && options.ifNoneMatch) {
    throw new HttpProblem(400, 'INVALID_PRECONDITION', 'Send either If-Match or If-None-Match: *, not both');
  }
  if (options.ifNoneMatch) return { mode: 'absent' };
  if (!options.ifMatch) return { mode: 'none' };
  return options.ifMatch.any ? { mode: 'exists' } : { mode: 'match', versions: options.ifMatch.versions };
}

/** Versioned documents: the logic between the HTTP routes and the Redis store. */
export class StateService {
  private readonly patchQueue = new KeyedQueue();

  constructor(
    readonly store: StateStore,
    private readonly locks: LockStore,
    readonly changeLog: ChangeLog,
    private readonly limits: DocumentLimits,
  ) {}

  async get(namespace: string, key: string): Promise<StateDocument> {
    const stored = await this.store.get(namespace, key);
    if (!stored) throw notFound(`Document ${namespace}/${key}`);
    return toStateDocument(stored);
  }

  async put(
    namespace: string,
    key: string,
    body: { data: unknown; ttlMs?: number | undefined },
    options: WriteOptions,
  ): Promise<{ created: boolean; document: StateDocument }> {
    const precondition = toPrecondition(options);
    const dataJson = encodeDocumentData(body.data, this.limits);
    const fence = await this.resolveFence(options.fence);
    const ttlMs = body.ttlMs ?? 0;
    // Tell the reaper before writing (so a crash right after the write still gets the expiry
    // reported) and again after, with the deadline Redis computed (see ttl-settle.lua).
    if (ttlMs > 0) await this.store.scheduleExpiry(namespace, Date.now() + ttlMs);
    try {
      const { created, document } = await this.store.put(namespace, key, {
        dataJson,
        updatedBy: options.actor,
        ttlMs,
        precondition,
        fence,
      });
      if (document.expiresAt > 0) await this.store.scheduleExpiry(namespace, document.expiresAt);
      return { created, document: publicDocument(namespace, key, document, body.data) };
    } catch (error) {
      throw translateRefusal(error);
    }
  }

  /**
   * JSON Merge Patch as read, merge, compare-and-set on the version read: merging happens here in
   * JavaScript (Lua's cjson would turn [] into {} and round large numbers), and the CAS makes the
   * write land only on the exact document the patch was merged into. The expiry is kept.
   */
  async patch(namespace: string, key: string, patch: unknown, options: WriteOptions & { ifMatch: IfMatch }): Promise<StateDocument> {
    if (jsonDepth(patch, this.limits.maxDepth) > this.limits.maxDepth) {
      throw new HttpProblem(400, 'DOCUMENT_TOO_DEEP', `The patch nests deeper than ${this.limits.maxDepth} levels`);
    }
    const fence = await this.resolveFence(options.fence);
    return this.patchQueue.run(`${namespace}/${key}`, () => this.patchOnce(namespace, key, patch, fence, options));
  }

  private async patchOnce(
    namespace: string,
    key: string,
    patch: unknown,
    fence: FenceCheck | undefined,
    options: WriteOptions & { ifMatch: IfMatch },
  ): Promise<StateDocument> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.store.get(namespace, key);
      if (!current) throw notFound(`Document ${namespace}/${key}`);
      if (!ifMatchHits(options.ifMatch, current.version)) {
        throw preconditionFailed(current.version, `The document is at version ${current.version}`);
      }
      const data = applyMergePatch(JSON.parse(current.dataJson), patch);
      const dataJson = encodeDocumentData(data, this.limits);
      try {
        const { document } = await this.store.put(namespace, key, {
          dataJson,
          updatedBy: options.actor,
          ttlMs: -1,
          precondition: { mode: 'match', versions: [current.version] },
          fence,
        });
        return publicDocument(namespace, key, document, data);
      } catch (error) {
        const refusal = translateRefusal(error);
        const raced = refusal instanceof HttpProblem && refusal.code === 'PRECONDITION_FAILED';
        if (!raced) throw refusal;
        if (attempt >= PATCH_ATTEMPTS) {
          throw new HttpProblem(409, 'CONFLICT', 'The document kept changing while the patch was applied; retry', {
            headers: { 'retry-after': '1' },
          });
        }
        // Someone wrote in between: re-read, so If-Match is judged against the new version.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(PATCH_RETRY_MAX_MS, 5 * 2 ** attempt)));
      }
    }
  }

  async delete(namespace: string, key: string, options: Omit<WriteOptions, 'actor'>): Promise<void> {
    const precondition = toPrecondition({ ifMatch: options.ifMatch });
    const fence = await this.resolveFence(options.fence);
    let deleted: boolean;
    try {
      deleted = await this.store.delete(namespace, key, precondition, fence);
    } catch (error) {
      throw translateRefusal(error);
    }
    if (!deleted) throw notFound(`Document ${namespace}/${key}`);
  }

  async list(namespace: string, afterKey: string | undefined, limit: number): Promise<KeyPage> {
    const listing = await this.store.list(namespace, afterKey, limit);
    return {
      namespace,
      revision: listing.revision,
      items: listing.items.map((item) => ({
        key: item.key,
        version: item.version,
        updatedAt: iso(item.updatedAt),
        expiresAt: item.expiresAt > 0 ? iso(item.expiresAt) : null,
      })),
      nextCursor: listing.lastKey === undefined ? null : Buffer.from(listing.lastKey).toString('base64url'),
    };
  }

  eventFilter(key: string | undefined) {
    return (event: ChangeEvent<RawStateEvent>) => key === undefined || event.data.key === key;
  }

  async waitForEvents(namespace: string, key: string | undefined, afterRevision: number, timeoutMs: number): Promise<StateEventPage> {
    const page = await this.changeLog.waitForEvents<RawStateEvent>(
      this.store.scope(namespace),
      afterRevision,
      timeoutMs,
      this.eventFilter(key),
    );
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toPublicEvent) };
  }

  /**
   * Fencing marks live with the documents (one slot per namespace) while tokens are issued per
   * lock (another slot): the newest issued token is read first and checked in the write script
   * together with the newest token this namespace has seen, which is the authoritative check.
   */
  private async resolveFence(claim: FenceClaim | undefined): Promise<FenceCheck | undefined> {
    if (!claim) return undefined;
    return { ...claim, issued: await this.locks.lastIssuedFencingToken(claim.lock) };
  }
}
