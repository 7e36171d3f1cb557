import { ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import type { LimitsStore } from './limits-store.js';
import type { Counter } from './schemas.js';

const toCounter = (name: string, value: number, pttl: number): Counter => ({ name, value, ttlMs: pttl >= 0 ? pttl : null });

/** Plain atomic counters (INCRBY with the TTL of a new counter set in the same script). */
export class CounterService {
  constructor(private readonly store: LimitsStore) {}

  async add(name: string, delta: number, ttlSeconds: number | undefined): Promise<Counter> {
    try {
      const { value, pttl } = await this.store.counterAdd(name, delta, ttlSeconds === undefined ? undefined : ttlSeconds * 1_000);
      return toCounter(name, value, pttl);
    } catch (error) {
      if (error instanceof ScriptError && error.code === 'OUT_OF_RANGE') throw new HttpProblem(422, 'OUT_OF_RANGE', error.message);
      throw error;
    }
  }

  async get(name: string): Promise<Counter> {
    const found = await this.store.counterGet(name);
    if (!found) throw notFound(`Counter ${name}`);
    return toCounter(name, found.value, found.pttl);
  }

  async reset(name: string): Promise<void> {
    if (!(await this.store.counterDelete(name))) throw notFound(`Counter ${name}`);
  }
}
