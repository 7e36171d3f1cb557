import { LRUCache } from 'lru-cache';
import type { Discovered, RegistryStore } from './registry-store.js';

interface Entry extends Discovered {
  /** The unfiltered answer as JSON, built on first use. */
  body?: Buffer;
}

/**
 * Each replica keeps the last discover answer per service and asks Redis only whether it still
 * holds: the check rides in the discover script itself, so a hit is still one round trip but
 * moves a few bytes instead of every instance, and skips rebuilding and re-serialising them
 * (which dominated discover's cost: bench/). Correct without any invalidation message,
 * because every write to a service's instances changes its generation and an answer expires
 * with its earliest lease.
 */
export class DiscoveryCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly store: RegistryStore,
    /** Instances kept across all services (a rough bound on memory, ~1 KB each with its JSON). */
    maxInstances = 50_000,
  ) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxInstances, sizeCalculation: (entry) => entry.instances.length + 1 });
  }

  async discover(service: string): Promise<Entry> {
    const cached = this.entries.get(service);
    const fresh = await this.store.discover(service, undefined, cached);
    // "Unchanged" is only ever answered to the generation of an answer we passed in.
    if (fresh === undefined) return cached as Entry;
    this.entries.set(service, fresh);
    return fresh;
  }

  /** The unfiltered answer's JSON, serialised once per generation. */
  static body(service: string, entry: Entry): Buffer {
    entry.body ??= Buffer.from(JSON.stringify({ service, revision: entry.revision, instances: entry.instances }));
    return entry.body;
  }
}
