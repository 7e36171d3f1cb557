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
  'create',
  'read',
  'patch',
  'replace-data',
  'rotate',
  'delete',
  'visit',
  'peek',
  'ack',
  'publish',
  'due',
  'user-claim',
  'user-page',
] as const;

/**
 * Three kinds of hash tag (see README, "Keys and slots"):
 *  - one per session family: the session's meta, data, ids, outbox and reservation, so every
 *    per-session step (including rotation) is one script in one slot;
 *  - one per user: that user's index, a separate slot, kept right lazily;
 *  - `events`: the change log and the deadline index the reaper walks.
 */
const EVENTS_TAG = 'events';

/** Removed families are remembered this long so that a late publisher cannot revive them. */
const REMOVED_MEMORY_MS = 10 * 60_000;

export interface StoredMeta {
  user: string;
  ref: string;
  state: string;
  version: number;
  seq: number;
  createdAt: number;
  lastAccessedAt: number;
  idleTtlMs: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  ip: string;
  ua: string;
  dataBytes: number;
  current: string;
}

export interface SessionRecord {
  meta: StoredMeta;
  /** Top-level field -> its JSON text, exactly as stored. */
  data: Record<string, string>;
  /** 0 when the presented id is the current one, else the ms its grace period ends. */
  grant: number;
  now: number;
}

export interface CreateInput {
  secret: string;
  userId: string;
  ref: string;
  idleTtlMs: number;
  absoluteTtlMs: number;
  ip: string;
  userAgent: string;
  requireReservation: boolean;
  retentionMs: number;
  dataBytes: number;
  /** field, json, field, json, ... */
  fields: string[];
}

export type PatchOp =
  | { field: string; op: 'del' }
  | { field: string; op: 'set'; json: string }
  | { field: string; op: 'cas'; json: string; expected: string }
  | { field: string; op: 'cas0'; json: string };

export type VisitResult =
  | { kind: 'live'; deadline: number; userId: string; outbox: string[] }
  | { kind: 'removed'; userId: string; outbox: string[] }
  | { kind: 'absent' };

const NUMERIC = new Set(['version', 'seq', 'createdAt', 'lastAccessedAt', 'idleTtlMs', 'idleExpiresAt', 'absoluteExpiresAt', 'dataBytes']);

function pairs(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}

function toMeta(flat: string[]): StoredMeta {
  const meta: Record<string, string | number> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = flat[i]!;
    meta[name] = NUMERIC.has(name) ? Number(flat[i + 1]) : flat[i + 1]!;
  }
  return meta as unknown as StoredMeta;
}

/** {1, JSON [meta HGETALL, data HGETALL], grant, now} from session_reply, or {0}. */
type RecordReply = [1, string, number, number];

function toRecord(reply: RecordReply | [0]): SessionRecord | undefined {
  if (reply[0] !== 1) return undefined;
  const [, json, grant, now] = reply;
  // Lua's cjson writes an empty table (a session without data) as {}, not [].
  const [meta, data] = JSON.parse(json) as [string[], string[] | Record<string, never>];
  return { meta: toMeta(meta), data: pairs(Array.isArray(data) ? data : []), grant: Number(grant), now: Number(now) };
}

export function outboxSeq(entry: string): number {
  return Number(entry.slice(0, entry.indexOf('|')));
}

/** The only code of session-svc that talks to Redis. */
export class SessionStore {
  readonly keys: KeySpace;
  readonly scope: ChangeScope;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly maxLen: number;
  private readonly deadlinesKey: string;
  private readonly publishedKey: string;
  private readonly removedKey: string;

  constructor(
    private readonly redis: RedisClient,
    options: { keyPrefix?: string; streamMaxLength?: number } = {},
  ) {
    this.keys = createKeySpace('session', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.maxLen = options.streamMaxLength ?? 10_000;
    this.scope = { revisionKey: this.keys.key('revision', EVENTS_TAG), streamKey: this.keys.key('events', EVENTS_TAG) };
    this.deadlinesKey = this.keys.key('deadlines', EVENTS_TAG);
    this.publishedKey = this.keys.key('published', EVENTS_TAG);
    this.removedKey = this.keys.key('removed', EVENTS_TAG);
  }

  private family(family: string): [meta: string, data: string, ids: string, outbox: string] {
    return [
      this.keys.key('meta', family),
      this.keys.key('data', family),
      this.keys.key('ids', family),
      this.keys.key('outbox', family),
    ];
  }

  private userKey(userId: string): string {
    return this.keys.key('user-sessions', userId);
  }

  async create(
    family: string,
    input: CreateInput,
  ): Promise<{ now: number; idleExpiresAt: number; absoluteExpiresAt: number; outbox: string[] }> {
    const [now, idleExpiresAt, absoluteExpiresAt, outbox] = await this.scripts.run<[number, number, number, string[]]>(
      'create',
      [...this.family(family), this.keys.key('reservation', family)],
      [
        input.secret,
        input.userId,
        input.ref,
        input.idleTtlMs,
        input.absoluteTtlMs,
        input.ip,
        input.userAgent,
        input.requireReservation ? '1' : '0',
        input.retentionMs,
        input.dataBytes,
        ...input.fields,
      ],
    );
    return { now: Number(now), idleExpiresAt: Number(idleExpiresAt), absoluteExpiresAt: Number(absoluteExpiresAt), outbox };
  }

  /** Issues an id ahead of its session; true unless (astronomically unlikely) it was taken. */
  async reserve(family: string, secret: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.redis.set(this.keys.key('reservation', family), secret, 'PX', ttlMs, 'NX')) === 'OK';
    } catch (error) {
      throw toRedisError(error);
    }
  }

  /** `slideAfterMs`: slide the idle expiry if the last access is at least this old; undefined: only read. */
  async read(family: string, secret: string, slideAfterMs: number | undefined): Promise<SessionRecord | undefined> {
    const [meta, data, ids] = this.family(family);
    return toRecord(await this.scripts.run<RecordReply | [0]>('read', [meta, data, ids], [secret, slideAfterMs ?? -1]));
  }

  async patch(
    family: string,
    secret: string,
    ifMatch: string,
    limits: { maxBytes: number; maxFields: number },
    ops: PatchOp[],
  ): Promise<SessionRecord | undefined> {
    const [meta, data, ids] = this.family(family);
    const args: (string | number)[] = [secret, ifMatch, limits.maxBytes, limits.maxFields];
    for (const op of ops) {
      args.push(op.field, op.op, 'json' in op ? op.json : '', op.op === 'cas' ? op.expected : '');
    }
    return toRecord(await this.scripts.run<RecordReply | [0]>('patch', [meta, data, ids], args));
  }

  async replaceData(family: string, secret: string, ifMatch: string, dataBytes: number, fields: string[]): Promise<SessionRecord | undefined> {
    const [meta, data, ids] = this.family(family);
    return toRecord(await this.scripts.run<RecordReply | [0]>('replace-data', [meta, data, ids], [secret, ifMatch, dataBytes, ...fields]));
  }

  async rotate(
    family: string,
    secret: string,
    nextSecret: string,
    graceMs: number,
  ): Promise<{ record: SessionRecord; graceUntil: number; outbox: string[] } | undefined> {
    const reply = await this.scripts.run<[number, string[], string[], number, number, string[]] | [0]>('rotate', this.family(family), [
      secret,
      nextSecret,
      graceMs,
    ]);
    if (reply[0] !== 1) return undefined;
    const [, meta, data, graceUntil, now, outbox] = reply as [number, string[], string[], number, number, string[]];
    return { record: { meta: toMeta(meta), data: pairs(data), grant: 0, now: Number(now) }, graceUntil: Number(graceUntil), outbox };
  }

  /** status 1: removed; 2: found past its deadline and expired instead; 0: nothing live. */
  async remove(family: string, secret: string, reason: string): Promise<{ status: 0 | 1 | 2; userId: string; outbox: string[] }> {
    const reply = await this.scripts.run<[number, string?, string[]?]>('delete', this.family(family), [secret, reason]);
    return { status: Number(reply[0]) as 0 | 1 | 2, userId: reply[1] ?? '', outbox: reply[2] ?? [] };
  }

  async visit(family: string): Promise<VisitResult> {
    const reply = await this.scripts.run<[string, number?, string?, string[]?]>('visit', this.family(family));
    if (reply[0] === 'live') return { kind: 'live', deadline: Number(reply[1]), userId: reply[2] ?? '', outbox: reply[3] ?? [] };
    if (reply[0] === 'removed') return { kind: 'removed', userId: reply[2] ?? '', outbox: reply[3] ?? [] };
    return { kind: 'absent' };
  }

  async peek(family: string): Promise<{ meta: StoredMeta; now: number } | undefined> {
    const reply = await this.scripts.run<[number, string[]?, number?]>('peek', [this.keys.key('meta', family)]);
    if (reply[0] !== 1) return undefined;
    return { meta: toMeta(reply[1] ?? []), now: Number(reply[2]) };
  }

  async ack(family: string, upToSeq: number): Promise<void> {
    await this.scripts.run('ack', this.family(family), [upToSeq]);
  }

  /** Deletes a session that was never published (its id was never handed out). */
  async discard(family: string): Promise<void> {
    try {
      await this.redis.del(...this.family(family));
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async publish(family: string, action: 'live' | 'removed', deadline: number, outbox: string[]): Promise<{ emitted: number; revision: number }> {
    const [emitted, revision] = await this.scripts.run<[number, number]>(
      'publish',
      [this.scope.revisionKey, this.scope.streamKey, this.deadlinesKey, this.publishedKey, this.removedKey],
      [family, action, deadline, this.maxLen, ...outbox],
    );
    return { emitted: Number(emitted), revision: Number(revision) };
  }

  async due(limit: number): Promise<string[]> {
    return this.scripts.run<string[]>('due', [this.deadlinesKey, this.removedKey], [limit, REMOVED_MEMORY_MS]);
  }

  async claimUserSlot(userId: string, family: string, absoluteExpiresAt: number, max: number): Promise<{ claimed: true } | { claimed: false; members: string[] }> {
    const reply = await this.scripts.run<[number, ...string[]]>('user-claim', [this.userKey(userId)], [family, absoluteExpiresAt, max]);
    if (Number(reply[0]) === 1) return { claimed: true };
    return { claimed: false, members: reply.slice(1) as string[] };
  }

  async userPage(userId: string, cursor: { score: number; family: string } | undefined, limit: number): Promise<{ family: string; score: number }[]> {
    const flat = await this.scripts.run<string[]>(
      'user-page',
      [this.userKey(userId)],
      [cursor ? cursor.score : '', cursor ? cursor.family : '', limit],
    );
    const entries: { family: string; score: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) entries.push({ family: flat[i]!, score: Number(flat[i + 1]) });
    return entries;
  }

  /** Heals the user index: removes families known to be gone (families never come back). */
  async removeFromUser(userId: string, families: string[]): Promise<void> {
    if (families.length === 0) return;
    try {
      await this.redis.zrem(this.userKey(userId), ...families);
    } catch (error) {
      throw toRedisError(error);
    }
  }
}
