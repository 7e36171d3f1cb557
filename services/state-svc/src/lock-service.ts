import { randomBytes } from 'node:crypto';
import { HttpProblem } from '@trellis/service-kit';
import type { LockHolder, LockStore } from './lock-store.js';
import type { LockGrant, LockState } from './schemas.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Backoff between attempts of a waiting acquisition: jittered, 20 ms growing to 250 ms. */
const FIRST_RETRY_MS = 20;
const MAX_RETRY_MS = 250;

function publicHolder(holder: LockHolder) {
  return { owner: holder.owner, fencingToken: holder.fencingToken, expiresAt: iso(holder.expiresAt) };
}

function heldByAnother(name: string, holder: LockHolder, code = 'LOCK_HELD'): HttpProblem {
  return new HttpProblem(409, code, `Lock ${name} is held by ${holder.owner} until ${iso(holder.expiresAt)}`, {
    extensions: { holder: publicHolder(holder) },
  });
}

const notHeld = (name: string) => new HttpProblem(404, 'LOCK_NOT_HELD', `Lock ${name} is not held (it expired or was released)`);

/**
 * Locks with owner tokens and fencing tokens (Kleppmann): only the token's holder may extend or
 * release (compare-and-set in one script), and every acquisition issues a strictly larger
 * fencing token that writes carry so a paused, expired holder cannot overwrite its successor.
 */
export class LockService {
  /** Local wake-ups for waiters when a release happens through this instance; others poll. */
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly store: LockStore,
    private readonly maxWaitMs: number,
  ) {}

  async acquire(name: string, request: { owner: string; ttlMs: number; waitMs?: number | undefined }, signal?: AbortSignal): Promise<LockGrant> {
    const waitMs = request.waitMs ?? 0;
    if (waitMs > this.maxWaitMs) {
      throw new HttpProblem(400, 'WAIT_TOO_LONG', `waitMs may be at most ${this.maxWaitMs} on this deployment`, {
        extensions: { maxWaitMs: this.maxWaitMs },
      });
    }
    const token = randomBytes(16).toString('base64url');
    const giveUpAt = Date.now() + waitMs;
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.store.acquire(name, token, request.owner, request.ttlMs);
      if (result.acquired) {
        if (signal?.aborted) {
          // The client left while we waited: hand the lock straight back rather than strand it.
          await this.store.release(name, token).catch(() => {});
          throw new HttpProblem(409, 'LOCK_WAIT_ABANDONED', 'The client went away before the lock was granted');
        }
        return {
          name,
          token,
          owner: request.owner,
          fencingToken: result.fencingToken,
          acquiredAt: iso(result.acquiredAt),
          expiresAt: iso(result.expiresAt),
        };
      }
      const remaining = giveUpAt - Date.now();
      if (remaining <= 0) throw heldByAnother(name, result.holder);
      if (this.shutdown.signal.aborted) {
        throw new HttpProblem(503, 'SHUTTING_DOWN', 'This instance is shutting down; retry', { headers: { 'retry-after': '1' } });
      }
      if (signal?.aborted) throw heldByAnother(name, result.holder);
      // Jittered so waiters spread out; no later than the holder's deadline (by our clock, which
      // only makes that wake-up early or late: the next attempt decides).
      const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      const untilExpiry = result.holder.expiresAt - Date.now() + 2;
      const delay = Math.max(1, Math.min(remaining, backoff, untilExpiry > 0 ? untilExpiry : backoff));
      await this.sleep(name, delay, signal);
    }
  }

  async extend(name: string, token: string, ttlMs: number): Promise<LockGrant> {
    const result = await this.store.extend(name, token, ttlMs);
    if (result.outcome === 'free') throw notHeld(name);
    if (result.outcome === 'other') throw heldByAnother(name, result.holder, 'LOCK_NOT_OWNED');
    const held = result.value;
    return {
      name,
      token,
      owner: held.owner,
      fencingToken: held.fencingToken,
      acquiredAt: iso(held.acquiredAt),
      expiresAt: iso(held.expiresAt),
    };
  }

  async release(name: string, token: string): Promise<void> {
    const result = await this.store.release(name, token);
    if (result.outcome === 'free') throw notHeld(name);
    if (result.outcome === 'other') throw heldByAnother(name, result.holder, 'LOCK_NOT_OWNED');
    for (const wake of this.waiters.get(name) ?? []) wake();
  }

  async get(name: string): Promise<LockState> {
    const { lastFencingToken, holder } = await this.store.get(name);
    return {
      name,
      held: holder !== undefined,
      owner: holder?.owner ?? null,
      fencingToken: holder?.fencingToken ?? null,
      acquiredAt: holder ? iso(holder.acquiredAt) : null,
      expiresAt: holder ? iso(holder.expiresAt) : null,
      lastFencingToken,
    };
  }

  /** Ends every wait at shutdown, so closing is not held up by blocked acquisitions. */
  close(): void {
    this.shutdown.abort();
  }

  private sleep(name: string, ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      let waiters = this.waiters.get(name);
      if (!waiters) this.waiters.set(name, (waiters = new Set()));
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiters.get(name) === waiters) this.waiters.delete(name);
        signal?.removeEventListener('abort', done);
        this.shutdown.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      this.shutdown.signal.addEventListener('abort', done, { once: true });
    });
  }
}
