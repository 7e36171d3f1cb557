import { type LockGrant, type StateApiClient, stateApiError } from './state-api.js';

export interface WithLockOptions {
  /** Lease length; renewed every ttlMs/3 while `fn` runs (unless autoExtend is false). */
  ttlMs: number;
  /** Wait this long for a held lock before failing with 409 LOCK_HELD (default 0: fail at once). */
  waitMs?: number;
  /** Shown to others as the holder (default: this process). */
  owner?: string;
  autoExtend?: boolean;
}

/** The lock as `fn` holds it. */
export interface HeldLock {
  name: string;
  owner: string;
  /** Strictly larger than every earlier holder's: send it with each write (see `fence`). */
  fencingToken: number;
  /** When the lease ends unless renewed, by the server's clock. */
  expiresAt: Date;
  /** Headers for fenced state-svc writes: spread into `params.header`. */
  fence: { 'x-fencing-lock': string; 'x-fencing-token': number };
  /**
   * Aborted when the lock is known lost (a renewal was refused, or renewals failed until the
   * lease ran out): stop working, since the next holder may already be writing.
   */
  signal: AbortSignal;
}

/**
 * Acquires `name`, runs `fn` while holding it, and releases it afterwards, whatever `fn` does.
 * The lease is renewed in the background; a lock lost anyway (a long pause, a partition) is
 * reported through `lock.signal`, and the fencing token makes state-svc refuse this holder's
 * writes once a successor exists. Throws StateApiError 409 LOCK_HELD when it stays taken.
 */
export async function withLock<T>(
  client: StateApiClient,
  name: string,
  fn: (lock: HeldLock) => Promise<T>,
  options: WithLockOptions,
): Promise<T> {
  const owner = options.owner ?? `pid-${process.pid}`;
  const acquired = await client.POST('/v1/locks/{name}', {
    params: { path: { name } },
    body: { owner, ttlMs: options.ttlMs, ...(options.waitMs ? { waitMs: options.waitMs } : {}) },
  });
  if (!acquired.data) throw stateApiError(acquired.response, acquired.error);
  const grant: LockGrant = acquired.data;

  const lost = new AbortController();
  const lock: HeldLock = {
    name,
    owner,
    fencingToken: grant.fencingToken,
    expiresAt: new Date(grant.expiresAt),
    fence: { 'x-fencing-lock': name, 'x-fencing-token': grant.fencingToken },
    signal: lost.signal,
  };
  // Local deadline: our clock plus the lease, measured from before the renewal was sent.
  let localDeadline = Date.now() + options.ttlMs;
  let renewing: Promise<void> | undefined;
  const renew = async () => {
    const sentAt = Date.now();
    try {
      const extended = await client.PUT('/v1/locks/{name}', { params: { path: { name } }, body: { token: grant.token, ttlMs: options.ttlMs } });
      if (extended.data) {
        lock.expiresAt = new Date(extended.data.expiresAt);
        localDeadline = sentAt + options.ttlMs;
      } else if (extended.response.status === 404 || extended.response.status === 409) {
        lost.abort(stateApiError(extended.response, extended.error));
      }
    } catch {
      // Unreachable for now: keep trying until the lease would have run out.
    }
    if (!lost.signal.aborted && Date.now() >= localDeadline) lost.abort(new Error(`lock ${name} expired before it could be renewed`));
  };
  const timer =
    (options.autoExtend ?? true)
      ? setInterval(() => {
          renewing ??= renew().finally(() => {
            renewing = undefined;
          });
        }, Math.max(50, Math.floor(options.ttlMs / 3)))
      : undefined;
  timer?.unref();

  try {
    return await fn(lock);
  } finally {
    clearInterval(timer);
    await renewing;
    if (!lost.signal.aborted) {
      // 404/409 here mean it lapsed already: nothing left to release, and nobody else's to touch.
      await client.DELETE('/v1/locks/{name}', { params: { path: { name } }, body: { token: grant.token } }).catch(() => {});
    }
  }
}
