import { createKeySpace, type KeySpace, type RedisClient, ScriptRunner, scriptsDir, toRedisError } from '@trellis/redis-core';

const SCRIPTS = ['lock-acquire', 'lock-extend', 'lock-release', 'lock-get'] as const;

/** Who holds a lock, as others may see it (never the token). */
export interface LockHolder {
  owner: string;
  fencingToken: number;
  expiresAt: number;
}

export type AcquireResult =
  | { acquired: true; fencingToken: number; acquiredAt: number; expiresAt: number }
  | { acquired: false; holder: LockHolder };

/** `held` when the token holds the lock; `other` when another token does; `free` when nobody does. */
export type TokenCheck<T> = { outcome: 'held'; value: T } | { outcome: 'other'; holder: LockHolder } | { outcome: 'free' };

export interface StoredLock {
  lastFencingToken: number;
  holder: (LockHolder & { acquiredAt: number }) | undefined;
}

type HolderReply = [number, string, number, number];

function holderOf(reply: HolderReply): LockHolder {
  return { owner: reply[1], fencingToken: reply[2], expiresAt: reply[3] };
}

/**
 * The only code of state-svc's locks that talks to Redis. A lock's keys carry the lock name as
 * hash tag: the lock itself (expiring natively at its deadline) and its fencing counter, which
 * never expires so tokens keep increasing across every acquisition, forever.
 */
export class LockStore {
  readonly keys: KeySpace;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;

  constructor(
    private readonly redis: RedisClient,
    options: { keyPrefix?: string } = {},
  ) {
    this.keys = createKeySpace('state', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
  }

  private lockKeys(name: string): [lock: string, fence: string] {
    return [this.keys.key('lock', name), this.keys.key('fence', name)];
  }

  async acquire(name: string, token: string, owner: string, ttlMs: number): Promise<AcquireResult> {
    const reply = await this.scripts.run<[number, number | string, number, number]>('lock-acquire', this.lockKeys(name), [
      token,
      owner,
      ttlMs,
    ]);
    if (reply[0] === 1) return { acquired: true, fencingToken: Number(reply[1]), acquiredAt: reply[2], expiresAt: reply[3] };
    return { acquired: false, holder: holderOf(reply as HolderReply) };
  }

  async extend(
    name: string,
    token: string,
    ttlMs: number,
  ): Promise<TokenCheck<{ owner: string; fencingToken: number; acquiredAt: number; expiresAt: number }>> {
    const reply = await this.scripts.run<(number | string)[]>('lock-extend', [this.lockKeys(name)[0]], [token, ttlMs]);
    if (reply[0] === 1) {
      const [, owner, fencingToken, acquiredAt, expiresAt] = reply as [number, string, number, number, number];
      return { outcome: 'held', value: { owner, fencingToken, acquiredAt, expiresAt } };
    }
    if (reply[0] === 0) return { outcome: 'other', holder: holderOf(reply as HolderReply) };
    return { outcome: 'free' };
  }

  async release(name: string, token: string): Promise<TokenCheck<true>> {
    const reply = await this.scripts.run<(number | string)[]>('lock-release', [this.lockKeys(name)[0]], [token]);
    if (reply[0] === 1) return { outcome: 'held', value: true };
    if (reply[0] === 0) return { outcome: 'other', holder: holderOf(reply as HolderReply) };
    return { outcome: 'free' };
  }

  async get(name: string): Promise<StoredLock> {
    const reply = await this.scripts.run<(number | string)[]>('lock-get', this.lockKeys(name));
    const lastFencingToken = Number(reply[0]);
    if (reply.length < 5) return { lastFencingToken, holder: undefined };
    const [, owner, fencingToken, acquiredAt, expiresAt] = reply as [number, string, number, number, number];
    return { lastFencingToken, holder: { owner, fencingToken, acquiredAt, expiresAt } };
  }

  /** The newest fencing token issued for a lock (0: never): what fenced writes are checked against. */
  async lastIssuedFencingToken(name: string): Promise<number> {
    try {
      return Number((await this.redis.get(this.lockKeys(name)[1])) ?? 0);
    } catch (error) {
      throw toRedisError(error);
    }
  }
}
