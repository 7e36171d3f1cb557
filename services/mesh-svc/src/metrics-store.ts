import { createKeySpace, type KeySpace, type RedisClient, ScriptRunner, scriptsDir, toRedisError } from '@trellis/redis-core';

const SCRIPTS = ['record-calls'] as const;

/** The all-sources histogram of a destination sits beside the per-source ones, under this name. */
export const ALL_SOURCES = '*';

export interface MinuteIncrements {
  source: string;
  destination: string;
  /** Minutes since the epoch, by Redis' clock. */
  minute: number;
  /** Hash field -> increment (n, f, us, b<index>). */
  fields: Map<string, number>;
}

/**
 * The only code of mesh-svc that touches call metrics in Redis. One hash per source,
 * destination and minute, tagged by destination: a destination's minutes (every source and
 * the all-sources total) live in one slot, so recording updates both in one script and a
 * window is read in one pipeline.
 */
export class MetricsStore {
  readonly keys: KeySpace;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: { keyPrefix?: string; retentionMinutes: number },
  ) {
    this.keys = createKeySpace('mesh', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
  }

  private minuteKey(source: string, destination: string, minute: number): string {
    return this.keys.key('calls', destination, source, String(minute));
  }

  /** Redis' clock in ms, so every replica and client report lands in the same minute. */
  async now(): Promise<number> {
    try {
      const [seconds, micros] = await this.redis.time();
      return Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
    } catch (error) {
      throw toRedisError(error);
    }
  }

  async add(increments: MinuteIncrements[]): Promise<void> {
    const ttlMs = this.options.retentionMinutes * 60_000;
    await Promise.all(
      increments.map((increment) => {
        const args: (string | number)[] = [ttlMs];
        for (const [field, value] of increment.fields) args.push(field, value);
        return this.scripts.run('record-calls', [
          this.minuteKey(increment.source, increment.destination, increment.minute),
          this.minuteKey(ALL_SOURCES, increment.destination, increment.minute),
        ], args);
      }),
    );
  }

  /** The stored fields of each minute in [fromMinute, toMinute]. */
  async read(source: string, destination: string, fromMinute: number, toMinute: number): Promise<Record<string, string>[]> {
    const pipeline = this.redis.pipeline();
    for (let minute = fromMinute; minute <= toMinute; minute += 1) pipeline.hgetall(this.minuteKey(source, destination, minute));
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await pipeline.exec();
    } catch (error) {
      throw toRedisError(error);
    }
    return (replies ?? []).map(([error, value]) => {
      if (error) throw toRedisError(error);
      return (value ?? {}) as Record<string, string>;
    });
  }
}
