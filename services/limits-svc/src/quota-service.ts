import { ScriptError } from '@trellis/redis-core';
import { HttpProblem } from '@trellis/service-kit';
import { type CalendarPeriod, calendarPeriod } from './calendar-period.js';
import type { Definitions } from './definitions.js';
import type { LimitsStore } from './limits-store.js';
import type { Quota, QuotaUsage } from './schemas.js';

/** Milliseconds since the epoch; injectable so tests can cross period boundaries. */
export type Clock = () => number;

/**
 * Calendar quotas. Period boundaries need the time zone's rules, which Lua inside Redis does not
 * have, so they are computed here (Luxon over Node's ICU) from the service clock and passed into
 * the script: the usage key names its period (a new period is a new key, so rollover never
 * depends on expiry timing) and expires at the period's end (PEXPIREAT). The clock is injectable
 * (buildApp's `clock` option) so tests can stand on either side of a month's or year's midnight.
 */
export class QuotaService {
  constructor(
    private readonly store: LimitsStore,
    private readonly definitions: Definitions,
    private readonly clock: Clock,
  ) {}

  private current(quota: Quota): { period: CalendarPeriod; now: number } {
    const now = this.clock();
    return { period: calendarPeriod(quota.period, quota.timeZone, now), now };
  }

  private usage(quota: Quota, key: string, period: CalendarPeriod, now: number, used: number): QuotaUsage {
    return {
      quota: quota.name,
      key,
      limit: quota.limit,
      used,
      remaining: Math.max(0, quota.limit - used),
      period: quota.period,
      timeZone: quota.timeZone,
      periodStart: period.start,
      periodEnd: period.end,
      resetAfterMs: Math.max(0, period.endMs - now),
    };
  }

  async consume(name: string, key: string, amount: number): Promise<QuotaUsage> {
    const quota = await this.definitions.quota(name);
    const { period, now } = this.current(quota);
    let result: { admitted: boolean; used: number };
    try {
      result = await this.store.quotaConsume(key, name, { name: quota.period, ...period }, amount, quota.limit);
    } catch (error) {
      if (error instanceof ScriptError && error.code === 'PERIOD_OVER') {
        throw new HttpProblem(503, 'CLOCK_SKEW', 'This instance\'s clock is behind Redis\'s across a period boundary; retry', {
          headers: { 'retry-after': '1' },
          extensions: { retryAfterSeconds: 1 },
        });
      }
      throw error;
    }
    const usage = this.usage(quota, key, period, now, result.used);
    if (result.admitted) return { ...usage, allowed: true };
    const retryAfterSeconds = Math.max(1, Math.ceil(usage.resetAfterMs / 1_000));
    throw new HttpProblem(
      429,
      'QUOTA_EXCEEDED',
      `${amount} more would exceed quota ${name} (${result.used} of ${quota.limit} used this ${quota.period}); nothing was charged`,
      { headers: { 'retry-after': String(retryAfterSeconds) }, extensions: { ...usage, allowed: false, retryAfterSeconds } },
    );
  }

  async refund(name: string, key: string, amount: number): Promise<QuotaUsage> {
    const quota = await this.definitions.quota(name);
    const { period, now } = this.current(quota);
    const { refunded, used } = await this.store.quotaRefund(key, name, { name: quota.period, ...period }, amount);
    return { ...this.usage(quota, key, period, now, used), refunded };
  }

  async getUsage(name: string, key: string): Promise<QuotaUsage> {
    const quota = await this.definitions.quota(name);
    const { period, now } = this.current(quota);
    const used = await this.store.quotaUsed(key, name, { name: quota.period, ...period });
    return this.usage(quota, key, period, now, used);
  }
}
