import type { FastifyBaseLogger } from 'fastify';
import type { FlagsStore } from './flags-store.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Counters kept between flushes at most; past this, new (environment, flag, minute) cells are dropped. */
const MAX_CELLS = 100_000;

export interface UsageCounts {
  yes: number;
  no: number;
  variants: Map<string, number>;
}

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The usage hash fields of one (flag, day): "<minute ms>:y", ":n", ":v:<variant>". */
export function usageFields(minute: number, counts: UsageCounts): Map<string, number> {
  const fields = new Map<string, number>();
  if (counts.yes > 0) fields.set(`${minute}:y`, counts.yes);
  if (counts.no > 0) fields.set(`${minute}:n`, counts.no);
  for (const [variant, n] of counts.variants) if (n > 0) fields.set(`${minute}:v:${variant}`, n);
  return fields;
}

/** Days (UTC) that a time range touches, oldest first. */
export function daysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  for (let t = Math.floor(from / DAY_MS) * DAY_MS; t <= to; t += DAY_MS) days.push(dayOf(t));
  return days;
}

/** Counts by flag, for one environment and one minute. */
type FlagCounts = Map<string, UsageCounts>;

/**
 * Counts evaluations in memory (the evaluation path must not wait on Redis) and adds them to
 * per-flag, per-day usage hashes every flush interval, and when the app closes.
 *
 * Counts are kept as minute → environment → flag, not under one composite string key: a bulk
 * evaluation records every flag of the environment, and building and hashing a fresh key string
 * per flag was a tenth of its cost (bench/FINDINGS.md). Flag names come from the snapshot, the
 * same strings every time, so their hashes are computed once.
 */
export class UsageRecorder {
  private minutes = new Map<number, Map<string, FlagCounts>>();
  private cellCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: FlagsStore,
    private readonly log: FastifyBaseLogger,
    private readonly flushIntervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  /** The counts of one environment in the minute of `now`, created on first use. */
  flagCounts(environment: string, now = Date.now()): FlagCounts {
    const minute = minuteOf(now);
    let environments = this.minutes.get(minute);
    if (!environments) {
      environments = new Map();
      this.minutes.set(minute, environments);
    }
    let flags = environments.get(environment);
    if (!flags) {
      flags = new Map();
      environments.set(environment, flags);
    }
    return flags;
  }

  /**
   * Counts one evaluation into what `flagCounts` gave: a bulk evaluation looks those up once.
   * Call both in the same synchronous run: a flush in between would take the counts away.
   */
  count(flags: FlagCounts, flag: string, enabled: boolean, variant: string | undefined): void {
    let cell = flags.get(flag);
    if (!cell) {
      if (this.cellCount >= MAX_CELLS) return;
      cell = { yes: 0, no: 0, variants: new Map() };
      flags.set(flag, cell);
      this.cellCount += 1;
    }
    if (enabled) cell.yes += 1;
    else cell.no += 1;
    if (variant !== undefined) cell.variants.set(variant, (cell.variants.get(variant) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.cellCount === 0) return;
    const minutes = this.minutes;
    this.minutes = new Map();
    this.cellCount = 0;
    this.flushing = (async () => {
      // One script per (environment, flag, day): the fields of all its minutes together.
      const groups = new Map<string, { environment: string; flag: string; day: string; fields: Map<string, number> }>();
      for (const [minute, environments] of minutes) {
        const day = dayOf(minute);
        for (const [environment, flags] of environments) {
          for (const [flag, counts] of flags) {
            const groupKey = `${environment}\n${flag}\n${day}`;
            let group = groups.get(groupKey);
            if (!group) {
              group = { environment, flag, day, fields: new Map() };
              groups.set(groupKey, group);
            }
            for (const [field, n] of usageFields(minute, counts)) group.fields.set(field, (group.fields.get(field) ?? 0) + n);
          }
        }
      }
      const results = await Promise.allSettled(
        [...groups.values()].map((g) => this.store.addUsage(g.environment, g.flag, g.day, g.fields)),
      );
      const failed = results.filter((r) => r.status === 'rejected').length;
      if (failed > 0) this.log.warn({ failed }, 'usage counts could not be stored; they are dropped');
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => {});
  }
}
