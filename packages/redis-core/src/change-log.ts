import type { RedisClient } from './connection.js';
import { toRedisError } from './errors.js';
import { ScriptRunner, scriptsDir } from './script-registry.js';

/** One entry of a revisioned change log. `revision` is also the SSE `id:` of the event. */
export interface ChangeEvent<T = unknown> {
  revision: number;
  type: string;
  data: T;
  /** Server time (ms since epoch) when the change happened. */
  time: number;
}

/**
 * A watchable scope: a revision counter and the stream of its events. Both keys carry the same
 * hash tag as the data they describe, so the mutating script can append in the same step.
 */
export interface ChangeScope {
  revisionKey: string;
  streamKey: string;
}

export interface RangeResult<T = unknown> {
  /** The scope's current revision when the range was read. */
  revision: number;
  /** Events after the requested revision were trimmed (or Redis lost them): re-list. */
  compacted: boolean;
  events: ChangeEvent<T>[];
}

export interface ChangeHandler<T = unknown> {
  event(event: ChangeEvent<T>): void;
  /** The subscriber fell behind the retained history; it must re-list from `revision`. */
  compacted(revision: number): void;
}

export interface Subscription {
  close(): void;
}

export interface ChangeLogOptions {
  /** Opens a dedicated connection for blocking reads (one per watched scope and process). */
  openBlockingConnection: () => RedisClient;
  blockMs?: number;
  batchSize?: number;
  /** How long a reader with no subscribers stays open, to absorb reconnect storms. */
  lingerMs?: number;
}

type StreamEntry = [id: string, fields: string[]];

export function decodeEntry<T>(entry: StreamEntry): ChangeEvent<T> {
  const [id, fields] = entry;
  let type = '';
  let data = '';
  let time = 0;
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i];
    const value = fields[i + 1] ?? '';
    if (name === 't') type = value;
    else if (name === 'd') data = value;
    else if (name === 'ts') time = Number(value);
  }
  return { revision: Number.parseInt(id, 10), type, data: JSON.parse(data) as T, time };
}

const SCRIPTS = ['changelog-range'] as const;

/**
 * Reads change logs written by `changelog_emit` (lib/changelog.lua): ranges for catch-up and
 * long-polls, and live subscriptions fanned out from ONE blocking XREAD per scope and process,
 * however many watchers there are.
 */
export class ChangeLog {
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly readers = new Map<string, StreamReader>();
  private readonly waiters = new Set<() => void>();
  private closed = false;
  private draining = false;

  constructor(
    private readonly client: RedisClient,
    private readonly options: ChangeLogOptions,
  ) {
    this.scripts = new ScriptRunner(client, scriptsDir(import.meta.url), SCRIPTS);
  }

  async currentRevision(scope: ChangeScope): Promise<number> {
    try {
      return Number((await this.client.get(scope.revisionKey)) ?? 0);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async range<T>(scope: ChangeScope, afterRevision: number, limit = 500): Promise<RangeResult<T>> {
    const [revision, compacted, entries] = await this.scripts.run<[number, number, StreamEntry[]]>(
      'changelog-range',
      [scope.revisionKey, scope.streamKey],
      [afterRevision, limit],
    );
    return { revision, compacted: compacted === 1, events: entries.map((e) => decodeEntry<T>(e)) };
  }

  /**
   * Delivers every event after `fromRevision` (or after the current revision when omitted), in
   * order, exactly once, then live events as they happen; or `compacted` when that is impossible.
   */
  subscribe<T>(scope: ChangeScope, fromRevision: number | undefined, handler: ChangeHandler<T>): Subscription {
    if (this.closed) throw new Error('change log is closed');
    let reader = this.readers.get(scope.streamKey);
    if (!reader) {
      reader = new StreamReader(this, scope, this.options, () => this.readers.delete(scope.streamKey));
      this.readers.set(scope.streamKey, reader);
    }
    return reader.add(fromRevision, handler as ChangeHandler<unknown>);
  }

  /**
   * Long-poll: the events after `afterRevision` that pass `filter`, waiting up to `timeoutMs`
   * for the first one when there are none yet.
   */
  async waitForEvents<T>(
    scope: ChangeScope,
    afterRevision: number,
    timeoutMs: number,
    filter: (event: ChangeEvent<T>) => boolean = () => true,
    signal?: AbortSignal,
  ): Promise<RangeResult<T>> {
    const immediate = await this.range<T>(scope, afterRevision);
    const matching = immediate.events.filter(filter);
    if (immediate.compacted || matching.length > 0 || timeoutMs <= 0 || this.draining || signal?.aborted) {
      return { ...immediate, events: matching };
    }
    return new Promise<RangeResult<T>>((resolve) => {
      const events: ChangeEvent<T>[] = [];
      let revision = immediate.revision;
      let flush: NodeJS.Immediate | undefined;
      let finished = false;
      const finish = (result: RangeResult<T>) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (flush) clearImmediate(flush);
        subscription.close();
        this.waiters.delete(answerNow);
        signal?.removeEventListener('abort', answerNow);
        resolve(result);
      };
      // Shutdown or a caller that went away: answer with what there is, at once.
      const answerNow = () => finish({ revision, compacted: false, events });
      this.waiters.add(answerNow);
      signal?.addEventListener('abort', answerNow, { once: true });
      const timer = setTimeout(answerNow, timeoutMs);
      const subscription = this.subscribe<T>(scope, immediate.revision, {
        event: (event) => {
          revision = event.revision;
          if (!filter(event)) return;
          events.push(event);
          // Answer after the current burst, so one response carries a batch of changes.
          flush ??= setImmediate(() => finish({ revision, compacted: false, events }));
        },
        compacted: (current) => finish({ revision: current, compacted: true, events: [] }),
      });
    });
  }

  /**
   * Shutdown, step one: answer every pending long-poll now and let new ones answer without
   * waiting, so that in-flight requests finish and the server can close. Live subscriptions
   * (SSE, snapshot followers) keep running until close().
   */
  drain(): void {
    this.draining = true;
    for (const answer of [...this.waiters]) answer();
  }

  async close(): Promise<void> {
    this.drain();
    this.closed = true;
    await Promise.all([...this.readers.values()].map((reader) => reader.stop()));
    this.readers.clear();
  }
}

interface Subscriber {
  handler: ChangeHandler<unknown>;
  last: number;
  buffer: ChangeEvent[] | undefined;
  closed: boolean;
}

class StreamReader {
  private readonly subscribers = new Set<Subscriber>();
  private connection: RedisClient | undefined;
  private position = -1;
  private started: Promise<void> | undefined;
  private stopping = false;
  private lingerTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: ChangeLog,
    private readonly scope: ChangeScope,
    private readonly options: ChangeLogOptions,
    private readonly onStopped: () => void,
  ) {}

  add(fromRevision: number | undefined, handler: ChangeHandler<unknown>): Subscription {
    clearTimeout(this.lingerTimer);
    const subscriber: Subscriber = { handler, last: fromRevision ?? -1, buffer: [], closed: false };
    this.subscribers.add(subscriber);
    void this.catchUp(subscriber).catch(() => {
      // Redis is away: retry the catch-up until it succeeds or the subscriber leaves.
      const retry = setInterval(() => {
        if (subscriber.closed) return clearInterval(retry);
        this.catchUp(subscriber).then(() => clearInterval(retry), () => {});
      }, 1_000);
    });
    return {
      close: () => {
        subscriber.closed = true;
        this.subscribers.delete(subscriber);
        if (this.subscribers.size === 0) {
          this.lingerTimer = setTimeout(() => void this.stop(), this.options.lingerMs ?? 5_000);
          this.lingerTimer.unref();
        }
      },
    };
  }

  private async catchUp(subscriber: Subscriber): Promise<void> {
    // The live reader must be positioned before the catch-up read, so that together they
    // cover every revision: anything after the reader's start arrives live (buffered here).
    await (this.started ??= this.start());
    if (subscriber.last < 0) subscriber.last = await this.log.currentRevision(this.scope);
    for (;;) {
      if (subscriber.closed) return;
      const page = await this.log.range(this.scope, subscriber.last, this.options.batchSize ?? 500);
      if (page.compacted) {
        subscriber.closed = true;
        this.subscribers.delete(subscriber);
        subscriber.handler.compacted(page.revision);
        return;
      }
      if (page.events.length === 0) break;
      for (const event of page.events) this.deliverNow(subscriber, event);
    }
    const buffered = subscriber.buffer ?? [];
    subscriber.buffer = undefined;
    for (const event of buffered) this.deliverNow(subscriber, event);
  }

  private deliverNow(subscriber: Subscriber, event: ChangeEvent): void {
    if (subscriber.closed || event.revision <= subscriber.last) return;
    subscriber.last = event.revision;
    try {
      subscriber.handler.event(event);
    } catch {
      // A failing watcher must not stop the fan-out to the others.
    }
  }

  private fanOut(event: ChangeEvent): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.buffer) subscriber.buffer.push(event);
      else this.deliverNow(subscriber, event);
    }
  }

  private async start(): Promise<void> {
    this.position = await this.log.currentRevision(this.scope);
    this.connection = this.options.openBlockingConnection();
    void this.loop();
  }

  private async loop(): Promise<void> {
    const connection = this.connection!;
    const blockMs = this.options.blockMs ?? 5_000;
    let failures = 0;
    while (!this.stopping) {
      try {
        const reply = (await connection.xread(
          'COUNT',
          this.options.batchSize ?? 500,
          'BLOCK',
          blockMs,
          'STREAMS',
          this.scope.streamKey,
          `${this.position}-0`,
        )) as [string, StreamEntry[]][] | null;
        failures = 0;
        if (reply) {
          for (const entry of reply[0]?.[1] ?? []) {
            const event = decodeEntry(entry);
            this.position = event.revision;
            this.fanOut(event);
          }
        } else {
          await this.detectReset();
        }
      } catch {
        if (this.stopping) break;
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * failures, 1_000)));
        await this.detectReset().catch(() => {});
      }
    }
  }

  /** Redis came back without our history (restarted without persistence, or flushed). */
  private async detectReset(): Promise<void> {
    const current = await this.log.currentRevision(this.scope);
    if (current >= this.position) return;
    this.position = current;
    for (const subscriber of [...this.subscribers]) {
      subscriber.closed = true;
      this.subscribers.delete(subscriber);
      subscriber.handler.compacted(current);
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.lingerTimer);
    this.onStopped();
    this.connection?.disconnect();
  }
}
