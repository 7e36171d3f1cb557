import type { EventEmitter } from 'node:events';
import type { TrellisClientOptions } from '../create-client.js';
import { SessionApi, SessionApiError, type TrellisSessionData, type TrellisSessionSummary } from './session-api.js';

/** What express-session hands a store: its session object (with a cookie) as plain JSON. */
export interface ExpressSessionData {
  cookie?: { originalMaxAge?: number | null; maxAge?: number | null } | undefined;
  [key: string]: unknown;
}

type Callback<T = void> = (error?: unknown, value?: T | null) => void;

/** express-session's Store class (abstract in its types): the store's base. */
export type ExpressSessionStoreClass = abstract new () => EventEmitter;

/** What the store adds to express-session's Store. */
export interface TrellisSessionStoreMethods {
  readonly api: SessionApi;
  /** Pass as express-session's `genid`. */
  readonly genid: (req?: unknown) => string;
  /** Express middleware to mount before express-session. */
  reserveIds(): (req: object, res: EventEmitter, next: (error?: unknown) => void) => void;
  get(sid: string, callback: Callback<ExpressSessionData>): void;
  set(sid: string, data: ExpressSessionData, callback?: Callback): void;
  destroy(sid: string, callback?: Callback): void;
  touch(sid: string, data: ExpressSessionData, callback?: Callback): void;
  listForUser(userId: string): Promise<TrellisSessionSummary[]>;
  destroyAllForUser(userId: string, exceptSid?: string): Promise<number>;
}

export type TrellisSessionStoreClass<S extends ExpressSessionStoreClass> = new (
  options: TrellisSessionStoreOptions,
) => InstanceType<S> & TrellisSessionStoreMethods;

export interface TrellisSessionStoreOptions extends TrellisClientOptions {
  /**
   * The user a session belongs to, read when the session is first saved (default: a string
   * `userId` field). Sessions of a user can then be listed and ended together.
   */
  userIdOf?: (session: ExpressSessionData) => string | undefined;
  /** Default: the cookie's maxAge, else session-svc's default (30 min). */
  idleTtlSeconds?: number;
  /** Default: session-svc's default (12 h). */
  absoluteTtlSeconds?: number;
  /** Ids reserved per request to session-svc. Default 16. */
  reserveBatch?: number;
}

interface Reserved {
  id: string;
  usableUntil: number;
}

type Next = (error?: unknown) => void;

/** Where reserveIds() leaves the ids it set aside for one request. */
const CLAIMED = Symbol('trellis.reservedSessionIds');

/** Reserved ids stop being handed out this long before session-svc would refuse them. */
const RESERVATION_MARGIN_MS = 60_000;

const defaultUserIdOf = (session: ExpressSessionData) => (typeof session.userId === 'string' ? session.userId : undefined);

/**
 * An express-session Store backed by session-svc, built from the express-session module the app
 * already uses (`createTrellisSessionStore(session)`), so @trellis/clients does not depend on it.
 *
 * session-svc never accepts an id it did not issue, while express-session names a session
 * (synchronously, through `genid`) before it saves it: the store keeps a pool of ids reserved
 * with session-svc, and its `reserveIds()` middleware, mounted before express-session, makes sure
 * the pool is never empty when a request needs one.
 *
 * Not offered: `all`, `length` and `clear` would need an index of every session, which
 * session-svc deliberately does not keep; per user there are `listForUser` and `destroyAllForUser`.
 * The user of a session is fixed when it is first saved: call `req.session.regenerate()` at
 * login, as express-session and OWASP advise.
 */
export function createTrellisSessionStore<S extends ExpressSessionStoreClass>(session: { Store: S }): TrellisSessionStoreClass<S> {
  const Base = session.Store as unknown as new () => EventEmitter;
  class TrellisSessionStore extends Base implements TrellisSessionStoreMethods {
    readonly api: SessionApi;
    private readonly options: TrellisSessionStoreOptions;
    private readonly pool: Reserved[] = [];
    private refilling: Promise<void> | undefined;
    /** Ids handed out by genid and not saved yet: their first save creates the session. */
    private readonly unsaved = new Set<string>();

    constructor(options: TrellisSessionStoreOptions) {
      super();
      this.options = options;
      this.api = new SessionApi(options);
    }

    /** Pass as express-session's `genid`: a session-svc-issued id (see reserveIds()). */
    readonly genid = (req?: unknown): string => {
      const claimed = (req as { [CLAIMED]?: Reserved[] } | undefined)?.[CLAIMED];
      const reserved = claimed?.shift() ?? this.take();
      if (!reserved) {
        throw new Error('TrellisSessionStore: no session id reserved; mount store.reserveIds() before express-session');
      }
      this.unsaved.add(reserved.id);
      if (this.unsaved.size > 10_000) this.unsaved.delete(this.unsaved.values().next().value!);
      return reserved.id;
    };

    /**
     * Express middleware to mount before express-session. It sets aside two reserved ids for the
     * request (one for a new session, one for a regenerate), waiting for more from session-svc
     * when the pool is empty, and puts back whatever the request did not use.
     */
    reserveIds(): (req: object, res: EventEmitter, next: Next) => void {
      return (req, res, next) => {
        this.claim(2).then(
          (ids) => {
            (req as { [CLAIMED]?: Reserved[] })[CLAIMED] = ids;
            res.once('close', () => this.pool.unshift(...ids));
            next();
          },
          // Without ids a request can still use the session it has; only a new one would fail.
          () => next(),
        );
      };
    }

    private take(): Reserved | undefined {
      const now = Date.now();
      while (this.pool.length > 0) {
        const reserved = this.pool.shift()!;
        if (reserved.usableUntil > now) return reserved;
      }
      return undefined;
    }

    private async claim(count: number): Promise<Reserved[]> {
      const ids: Reserved[] = [];
      for (let attempts = 0; ids.length < count; attempts += 1) {
        const reserved = this.take();
        if (reserved) ids.push(reserved);
        else if (attempts > 100) throw new Error('session-svc issued no ids');
        else await this.refill();
      }
      if (this.pool.length < this.batch() / 2) void this.refill().catch(() => {});
      return ids;
    }

    private batch(): number {
      return this.options.reserveBatch ?? 16;
    }

    private refill(): Promise<void> {
      this.refilling ??= this.api
        .reserveIds(this.batch())
        .then(({ sessionIds, expiresAt }) => {
          const usableUntil = Date.parse(expiresAt) - RESERVATION_MARGIN_MS;
          for (const id of sessionIds) this.pool.push({ id, usableUntil });
        })
        .finally(() => {
          this.refilling = undefined;
        });
      return this.refilling;
    }

    get(sid: string, callback: Callback<ExpressSessionData>): void {
      // Sliding happens in touch() or set(), which express-session calls at the end of the request.
      this.api.get(sid, { touch: false }).then(
        (found) => callback(null, found ? (found.data as ExpressSessionData) : null),
        (error) => callback(error),
      );
    }

    set(sid: string, data: ExpressSessionData, callback?: Callback): void {
      this.save(sid, data).then(
        () => callback?.(),
        (error) => callback?.(error),
      );
    }

    private async save(sid: string, data: ExpressSessionData): Promise<void> {
      const plain = JSON.parse(JSON.stringify(data)) as TrellisSessionData;
      const fresh = this.unsaved.delete(sid);
      if (!fresh && (await this.api.replaceData(sid, plain))) return;
      try {
        await this.api.create({ sessionId: sid, data: plain, ...this.lifetimes(data), ...this.owner(data) });
      } catch (error) {
        // The id was used and the session has ended since (logout elsewhere, expiry): a late
        // save must not bring it back. express-session starts a new session on the next request.
        if (error instanceof SessionApiError && error.code === 'SESSION_ID_NOT_ISSUED') return;
        throw error;
      }
    }

    private owner(data: ExpressSessionData): { userId?: string } {
      const userId = (this.options.userIdOf ?? defaultUserIdOf)(data);
      return userId ? { userId } : {};
    }

    private lifetimes(data: ExpressSessionData): { idleTtlSeconds?: number; absoluteTtlSeconds?: number } {
      const maxAge = data.cookie?.originalMaxAge;
      const idle = this.options.idleTtlSeconds ?? (typeof maxAge === 'number' && maxAge > 0 ? Math.ceil(maxAge / 1_000) : undefined);
      return {
        ...(idle !== undefined ? { idleTtlSeconds: idle } : {}),
        ...(this.options.absoluteTtlSeconds !== undefined ? { absoluteTtlSeconds: this.options.absoluteTtlSeconds } : {}),
      };
    }

    destroy(sid: string, callback?: Callback): void {
      this.unsaved.delete(sid);
      this.api.destroy(sid).then(
        () => callback?.(),
        (error) => callback?.(error),
      );
    }

    touch(sid: string, _data: ExpressSessionData, callback?: Callback): void {
      this.api.get(sid, { touch: true }).then(
        () => callback?.(),
        (error) => callback?.(error),
      );
    }

    /** A user's live sessions (session-svc's per-user index). */
    listForUser(userId: string): Promise<TrellisSessionSummary[]> {
      return this.api.listForUser(userId);
    }

    /** "Sign out everywhere else": ends every session of the user except `exceptSid`'s. */
    destroyAllForUser(userId: string, exceptSid?: string): Promise<number> {
      return this.api.destroyAllForUser(userId, exceptSid);
    }
  }
  return TrellisSessionStore as unknown as TrellisSessionStoreClass<S>;
}

export type TrellisSessionStore = EventEmitter & TrellisSessionStoreMethods;
