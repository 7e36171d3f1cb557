import { type ChangeEvent, type ChangeLog, ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import type { MaxSessionsPolicy } from './config.js';
import { etagOf } from './etag.js';
import { applyMergePatch, isJsonObject } from './merge-patch.js';
import type { CreateSession, EventPage, Session, SessionData, SessionEvent, SessionEventType, SessionPage, SessionSummary } from './schemas.js';
import { joinSessionId, newSecret, newSessionId, parseSessionId, type SessionIdParts, sessionRefOf } from './session-ids.js';
import { outboxSeq, type PatchOp, type SessionRecord, type SessionStore, type StoredMeta } from './session-store.js';

export interface SessionPolicy {
  defaultIdleTtlSeconds: number;
  defaultAbsoluteTtlSeconds: number;
  minTtlSeconds: number;
  maxTtlSeconds: number;
  rotationGraceSeconds: number;
  maxSessionsPerUser: number;
  maxSessionsPolicy: MaxSessionsPolicy;
  maxDataBytes: number;
  maxDataFields: number;
  reservationTtlSeconds: number;
  retentionMarginSeconds: number;
  touchIntervalMs: number;
}

/** What the per-session scripts put in an outbox entry's payload. */
interface RawEventData {
  sessionRef: string;
  userId: string | null;
  reason?: string;
  absoluteExpiresAt?: number;
  previousIdValidUntil?: number;
}

export function toPublicEvent(event: ChangeEvent<RawEventData>): SessionEvent {
  return { revision: event.revision, type: event.type as SessionEventType, time: event.time, data: event.data };
}

/**
 * Concurrent merges into the same object-valued field retry (a failed compare-and-set means
 * another merge of that field succeeded, so the system always progresses); different top-level
 * fields never conflict and never retry.
 */
const PATCH_ATTEMPTS = 100;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)));
const CLAIM_ATTEMPTS = 8;

const iso = (ms: number) => new Date(ms).toISOString();

function sessionNotFound(): HttpProblem {
  // One answer for malformed, unknown, expired and deleted ids: the status reveals nothing.
  return notFound('Session');
}

function encodeFields(data: SessionData): { fields: string[]; bytes: number } {
  const fields: string[] = [];
  let bytes = 0;
  for (const [field, value] of Object.entries(data)) {
    const json = JSON.stringify(value);
    fields.push(field, json);
    bytes += Buffer.byteLength(field) + Buffer.byteLength(json);
  }
  return { fields, bytes };
}

function summaryOf(meta: StoredMeta): SessionSummary {
  return {
    sessionRef: meta.ref,
    userId: meta.user === '' ? null : meta.user,
    createdAt: iso(meta.createdAt),
    lastAccessedAt: iso(meta.lastAccessedAt),
    idleExpiresAt: iso(meta.idleExpiresAt),
    absoluteExpiresAt: iso(meta.absoluteExpiresAt),
    clientInfo: { ip: meta.ip || null, userAgent: meta.ua || null },
  };
}

function toSession(sessionId: string, record: SessionRecord): Session {
  const data: SessionData = {};
  for (const [field, json] of Object.entries(record.data)) {
    Object.defineProperty(data, field, { value: JSON.parse(json), enumerable: true, writable: true, configurable: true });
  }
  const summary = summaryOf(record.meta);
  return {
    sessionId,
    sessionRef: summary.sessionRef,
    userId: summary.userId,
    data,
    version: record.meta.version,
    createdAt: summary.createdAt,
    lastAccessedAt: summary.lastAccessedAt,
    idleExpiresAt: summary.idleExpiresAt,
    absoluteExpiresAt: summary.absoluteExpiresAt,
    idleTtlSeconds: Math.round(record.meta.idleTtlMs / 1_000),
    clientInfo: summary.clientInfo,
    idValidUntil: record.grant > 0 ? iso(record.grant) : null,
  };
}

export function encodeCursor(entry: { score: number; family: string }): string {
  return `${entry.score}.${entry.family}`;
}

function decodeCursor(cursor: string | undefined): { score: number; family: string } | undefined {
  if (cursor === undefined) return undefined;
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  if (!match) throw new HttpProblem(400, 'INVALID_CURSOR', 'cursor must be a nextCursor this endpoint returned');
  return { score: Number(match[1]), family: match[2]! };
}

export interface SessionResult {
  session: Session;
  etag: string;
}

/**
 * session-svc's logic. Per-session steps are single scripts in the session's slot; steps that
 * reach the user index or the change log (other slots) are ordered so that a crash between them
 * leaves nothing a client can see inconsistent, and events wait in the session's outbox until
 * they are published, exactly once (see README, "Events").
 */
export class SessionService {
  constructor(
    readonly store: SessionStore,
    readonly changeLog: ChangeLog,
    private readonly policy: SessionPolicy,
    private readonly log: FastifyBaseLogger,
  ) {}

  private ttlMs(requested: number | undefined, fallback: number, name: string): number {
    const seconds = requested ?? fallback;
    const { minTtlSeconds: min, maxTtlSeconds: max } = this.policy;
    if (seconds < min || seconds > max) {
      throw new HttpProblem(400, 'TTL_OUT_OF_RANGE', `${name} must be from ${min} to ${max} seconds in this deployment`);
    }
    return seconds * 1_000;
  }

  private checkDataSize(bytes: number, fields: number): void {
    if (bytes > this.policy.maxDataBytes || fields > this.policy.maxDataFields) {
      throw new HttpProblem(
        413,
        'DATA_TOO_LARGE',
        `Session data is limited to ${this.policy.maxDataBytes} bytes in ${this.policy.maxDataFields} fields (this would take ${bytes} bytes in ${fields})`,
      );
    }
  }

  private parse(sessionId: string): SessionIdParts {
    const parts = parseSessionId(sessionId);
    if (!parts) throw sessionNotFound();
    return parts;
  }

  async create(input: CreateSession): Promise<SessionResult> {
    const idleTtlMs = this.ttlMs(input.idleTtlSeconds, this.policy.defaultIdleTtlSeconds, 'idleTtlSeconds');
    const absoluteTtlMs = this.ttlMs(input.absoluteTtlSeconds, this.policy.defaultAbsoluteTtlSeconds, 'absoluteTtlSeconds');
    const data = input.data ?? {};
    const { fields, bytes } = encodeFields(data);
    this.checkDataSize(bytes, fields.length / 2);
    const parts = input.sessionId ? parseSessionId(input.sessionId)! : newSessionId();
    const userId = input.userId ?? '';

    let created: Awaited<ReturnType<SessionStore['create']>>;
    try {
      created = await this.store.create(parts.family, {
        secret: parts.secret,
        userId,
        ref: sessionRefOf(parts.family),
        idleTtlMs,
        absoluteTtlMs,
        ip: input.clientInfo?.ip ?? '',
        userAgent: input.clientInfo?.userAgent ?? '',
        requireReservation: input.sessionId !== undefined,
        retentionMs: this.policy.retentionMarginSeconds * 1_000,
        dataBytes: bytes,
        fields,
      });
    } catch (error) {
      if (error instanceof ScriptError && (error.code === 'NOT_RESERVED' || error.code === 'ID_TAKEN')) {
        throw new HttpProblem(409, 'SESSION_ID_NOT_ISSUED', 'sessionId must be an unused id reserved with POST /v1/session-ids');
      }
      throw error;
    }

    // Until the created event is published the id has not left this process: on any failure the
    // session is discarded (or tombstoned, if the event might be out) and the client retries.
    let claimed = false;
    try {
      if (userId) await this.claimUserSlot(userId, parts.family, created.absoluteExpiresAt);
      claimed = true;
      await this.relay(parts.family, 'live', Math.min(created.idleExpiresAt, created.absoluteExpiresAt), created.outbox);
    } catch (error) {
      if (claimed) await this.removeFamily(parts.family, '', 'aborted').catch(() => {});
      else await this.store.discard(parts.family).catch(() => {});
      throw error;
    }

    const meta: StoredMeta = {
      user: userId,
      ref: sessionRefOf(parts.family),
      state: 'live',
      version: 1,
      seq: 1,
      createdAt: created.now,
      lastAccessedAt: created.now,
      idleTtlMs,
      idleExpiresAt: created.idleExpiresAt,
      absoluteExpiresAt: created.absoluteExpiresAt,
      ip: input.clientInfo?.ip ?? '',
      ua: input.clientInfo?.userAgent ?? '',
      dataBytes: bytes,
      current: parts.secret,
    };
    const record: SessionRecord = { meta, data: Object.fromEntries(pairsOf(fields)), grant: 0, now: created.now };
    return { session: toSession(joinSessionId(parts), record), etag: etagOf(1) };
  }

  /** Makes room in the user's index, evicting or refusing per policy; never exceeds the limit. */
  private async claimUserSlot(userId: string, family: string, absoluteExpiresAt: number): Promise<void> {
    const max = this.policy.maxSessionsPerUser;
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const claim = await this.store.claimUserSlot(userId, family, absoluteExpiresAt, max);
      if (claim.claimed) return;
      const members = claim.members.filter((member) => member !== family);
      const peeks = await Promise.all(members.map(async (member) => ({ family: member, peek: await this.store.peek(member) })));
      const live = peeks.filter((p) => p.peek !== undefined) as { family: string; peek: { meta: StoredMeta } }[];
      await this.store.removeFromUser(userId, peeks.filter((p) => p.peek === undefined).map((p) => p.family));
      if (live.length < max) continue;
      if (this.policy.maxSessionsPolicy === 'refuse') {
        throw new HttpProblem(409, 'TOO_MANY_SESSIONS', `This user already has ${max} live sessions`, { extensions: { maxSessions: max } });
      }
      live.sort((a, b) => a.peek.meta.createdAt - b.peek.meta.createdAt || a.family.localeCompare(b.family));
      for (const victim of live.slice(0, live.length - max + 1)) await this.removeFamily(victim.family, '', 'evicted');
    }
    throw new HttpProblem(409, 'SESSION_LIMIT_CONTENDED', 'Too many sessions of this user are being created at once; retry');
  }

  /** Publishes outbox entries to the change log and acknowledges them in the session's slot. */
  private async relay(family: string, action: 'live' | 'removed', deadline: number, outbox: string[]): Promise<void> {
    await this.store.publish(family, action, deadline, outbox);
    const last = outbox.at(-1);
    if (last === undefined && action === 'live') return;
    // A lost ack only leaves entries that the next publish skips (their sequence is known).
    await this.store.ack(family, last === undefined ? 0 : outboxSeq(last)).catch((error: unknown) => {
      this.log.debug({ err: error }, 'session outbox ack failed; it is retried on the next visit');
    });
  }

  /** After the session's own slot changed: the event is safe in its outbox, so a failure here
   * only delays it until the reaper visits; the request has done its job. */
  private async relayLater(family: string, action: 'live' | 'removed', deadline: number, outbox: string[]): Promise<void> {
    try {
      await this.relay(family, action, deadline, outbox);
    } catch (error) {
      this.log.warn({ err: error, sessionRef: sessionRefOf(family) }, 'session event left in its outbox for the reaper');
    }
  }

  async get(sessionId: string, touch: boolean): Promise<SessionResult> {
    const { family, secret } = this.parse(sessionId);
    const record = await this.store.read(family, secret, touch ? this.policy.touchIntervalMs : undefined);
    if (!record) throw sessionNotFound();
    return { session: toSession(sessionId, record), etag: etagOf(record.meta.version) };
  }

  async patch(sessionId: string, patch: SessionData, ifMatch: string): Promise<SessionResult> {
    const { family, secret } = this.parse(sessionId);
    const nested = Object.entries(patch).filter(([, value]) => isJsonObject(value));
    let current: SessionRecord | undefined;
    for (let attempt = 0; attempt < PATCH_ATTEMPTS; attempt += 1) {
      if (nested.length > 0) {
        current = await this.store.read(family, secret, undefined);
        if (!current) throw sessionNotFound();
      }
      const ops: PatchOp[] = Object.entries(patch).map(([field, value]): PatchOp => {
        if (value === null) return { field, op: 'del' };
        if (!isJsonObject(value)) return { field, op: 'set', json: JSON.stringify(value) };
        const before = current?.data[field];
        const json = JSON.stringify(applyMergePatch(before === undefined ? undefined : JSON.parse(before), value));
        return before === undefined ? { field, op: 'cas0', json } : { field, op: 'cas', json, expected: before };
      });
      try {
        const record = await this.store.patch(family, secret, ifMatch, { maxBytes: this.policy.maxDataBytes, maxFields: this.policy.maxDataFields }, ops);
        if (!record) throw sessionNotFound();
        return { session: toSession(sessionId, record), etag: etagOf(record.meta.version) };
      } catch (error) {
        if (error instanceof ScriptError && error.code === 'FIELD_CHANGED') {
          await backoff(attempt);
          continue;
        }
        throw this.writeProblem(error);
      }
    }
    throw new HttpProblem(409, 'PATCH_CONTENDED', 'The same fields kept changing under this patch; retry');
  }

  async replaceData(sessionId: string, data: SessionData, ifMatch: string): Promise<SessionResult> {
    const { family, secret } = this.parse(sessionId);
    const { fields, bytes } = encodeFields(data);
    this.checkDataSize(bytes, fields.length / 2);
    try {
      const record = await this.store.replaceData(family, secret, ifMatch, bytes, fields);
      if (!record) throw sessionNotFound();
      return { session: toSession(sessionId, record), etag: etagOf(record.meta.version) };
    } catch (error) {
      throw this.writeProblem(error);
    }
  }

  private writeProblem(error: unknown): unknown {
    if (!(error instanceof ScriptError)) return error;
    if (error.code === 'PRECONDITION_FAILED') {
      const current = etagOf(Number(error.message));
      return new HttpProblem(412, 'PRECONDITION_FAILED', 'If-Match does not match the session version', {
        headers: { etag: current },
        extensions: { currentETag: current },
      });
    }
    if (error.code === 'DATA_TOO_LARGE') {
      return new HttpProblem(
        413,
        'DATA_TOO_LARGE',
        `Session data is limited to ${this.policy.maxDataBytes} bytes in ${this.policy.maxDataFields} fields: ${error.message}`,
      );
    }
    return error;
  }

  async rotate(sessionId: string, graceSeconds: number | undefined): Promise<SessionResult> {
    const { family, secret } = this.parse(sessionId);
    const next = newSecret();
    let rotated: Awaited<ReturnType<SessionStore['rotate']>>;
    try {
      rotated = await this.store.rotate(family, secret, next, (graceSeconds ?? this.policy.rotationGraceSeconds) * 1_000);
    } catch (error) {
      if (error instanceof ScriptError && error.code === 'SUPERSEDED') {
        throw new HttpProblem(409, 'SESSION_ID_SUPERSEDED', 'This id was already rotated away; only the current id can rotate');
      }
      throw error;
    }
    if (!rotated) throw sessionNotFound();
    const { meta } = rotated.record;
    await this.relayLater(family, 'live', Math.min(meta.idleExpiresAt, meta.absoluteExpiresAt), rotated.outbox);
    const session = toSession(joinSessionId({ family, secret: next }), rotated.record);
    session.previousIdValidUntil = rotated.graceUntil > 0 ? iso(rotated.graceUntil) : null;
    return { session, etag: etagOf(meta.version) };
  }

  async delete(sessionId: string): Promise<void> {
    const { family, secret } = this.parse(sessionId);
    if ((await this.removeFamily(family, secret, 'logout')) !== 1) throw sessionNotFound();
  }

  /** Tombstones one session, publishes its removal and takes it out of its user's index. */
  private async removeFamily(family: string, secret: string, reason: string): Promise<0 | 1 | 2> {
    const removed = await this.store.remove(family, secret, reason);
    if (removed.status === 0) return 0;
    await this.relayLater(family, 'removed', 0, removed.outbox);
    if (removed.userId) await this.store.removeFromUser(removed.userId, [family]).catch(() => {});
    return removed.status;
  }

  async reserveIds(count: number): Promise<{ sessionIds: string[]; expiresAt: string }> {
    const ttlMs = this.policy.reservationTtlSeconds * 1_000;
    const expiresAt = iso(Date.now() + ttlMs);
    const sessionIds: string[] = [];
    await Promise.all(
      Array.from({ length: count }, async () => {
        const parts = newSessionId();
        if (await this.store.reserve(parts.family, parts.secret, ttlMs)) sessionIds.push(joinSessionId(parts));
      }),
    );
    return { sessionIds, expiresAt };
  }

  async listUserSessions(userId: string, cursor: string | undefined, limit: number): Promise<SessionPage> {
    const entries = await this.store.userPage(userId, decodeCursor(cursor), limit);
    const peeks = await Promise.all(entries.map((entry) => this.store.peek(entry.family)));
    const gone = entries.filter((_, i) => peeks[i] === undefined).map((entry) => entry.family);
    await this.store.removeFromUser(userId, gone);
    const sessions = peeks.flatMap((peek) => (peek ? [summaryOf(peek.meta)] : []));
    const last = entries.at(-1);
    return { sessions, nextCursor: entries.length === limit && last ? encodeCursor(last) : null };
  }

  /**
   * Ends every session of the user but the one `except` names (when it is a live id of that
   * user). Sessions created while this runs may survive: they came after the request.
   */
  async invalidateUser(userId: string, except: string | undefined): Promise<number> {
    let keep: string | undefined;
    const exceptParts = except === undefined ? undefined : parseSessionId(except);
    if (exceptParts) {
      const record = await this.store.read(exceptParts.family, exceptParts.secret, undefined);
      if (record && record.meta.user === userId) keep = exceptParts.family;
    }
    let deleted = 0;
    let cursor: { score: number; family: string } | undefined;
    for (;;) {
      const entries = await this.store.userPage(userId, cursor, 100);
      const results = await Promise.all(
        entries.filter((entry) => entry.family !== keep).map((entry) => this.removeFamily(entry.family, '', 'invalidated')),
      );
      deleted += results.filter((status) => status === 1).length;
      await this.store.removeFromUser(
        userId,
        entries.filter((entry) => entry.family !== keep).map((entry) => entry.family),
      );
      if (entries.length < 100) return deleted;
      cursor = entries.at(-1);
    }
  }

  /** Ends one session of the user by its public handle (a "sign out that device" button). */
  async revoke(userId: string, sessionRef: string): Promise<void> {
    let cursor: { score: number; family: string } | undefined;
    for (;;) {
      const entries = await this.store.userPage(userId, cursor, 100);
      const match = entries.find((entry) => sessionRefOf(entry.family) === sessionRef);
      if (match) {
        if ((await this.removeFamily(match.family, '', 'revoked')) === 1) return;
        break;
      }
      if (entries.length < 100) break;
      cursor = entries.at(-1);
    }
    throw notFound('Session');
  }

  /**
   * One reaper pass over the families whose deadline passed: expires what is due, re-files what
   * slid, publishes whatever waits in outboxes. Each event is published once however many
   * replicas run this at the same moment (publish.lua keeps the per-session sequence).
   */
  async reap(limit = 100): Promise<{ visited: number; expired: number }> {
    const families = await this.store.due(limit);
    let expired = 0;
    await Promise.all(
      families.map(async (family) => {
        const visit = await this.store.visit(family);
        if (visit.kind === 'absent') {
          await this.store.publish(family, 'removed', 0, []);
          return;
        }
        if (visit.kind === 'live') {
          await this.relay(family, 'live', visit.deadline, visit.outbox);
          return;
        }
        if (visit.outbox.some((entry) => /^\d+\|expired\|/.test(entry))) expired += 1;
        await this.relay(family, 'removed', 0, visit.outbox);
        if (visit.userId) await this.store.removeFromUser(visit.userId, [family]);
      }),
    );
    return { visited: families.length, expired };
  }

  eventFilter(userId: string | undefined) {
    return (event: ChangeEvent<RawEventData>) => userId === undefined || event.data.userId === userId;
  }

  async waitForEvents(userId: string | undefined, afterRevision: number, timeoutMs: number): Promise<EventPage> {
    const page = await this.changeLog.waitForEvents<RawEventData>(this.store.scope, afterRevision, timeoutMs, this.eventFilter(userId));
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toPublicEvent) };
  }
}

function* pairsOf(flat: string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i]!, flat[i + 1]!];
}
