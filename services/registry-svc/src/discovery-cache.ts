import { gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Discovered, RegistryStore } from './registry-store.js';

/**
 * Answers smaller than this go out as they are: compressing a few instances saves less than it
 * costs either side. Larger lists shrink many times over: the instances of a service look alike.
 */
export const GZIP_MIN_BYTES = 16 * 1024;

interface Entry extends Discovered {
  /** The unfiltered answer as JSON, built on first use. */
  body?: Buffer;
  /** The same JSON gzipped, once compressed. */
  gzipped?: Buffer;
  /** Compression started (it runs on libuv's thread pool, off the event loop). */
  gzipping?: boolean;
}

/** The unfiltered answer, ready to send: its JSON, and the same gzipped if that is ready. */
export class PreparedAnswer {
  constructor(
    readonly json: Buffer,
    readonly gzipped: Buffer | undefined,
  ) {}
}

/** A discover of one service on its way to Redis, and the one queued behind it. */
interface Flight {
  done: Promise<Entry>;
  next?: Promise<Entry>;
}

/**
 * Each replica keeps the last discover answer per service and asks Redis only whether it still
 * holds: the check rides in the discover script itself, so a hit is still one round trip but
 * moves a few bytes instead of every instance, and skips rebuilding and re-serialising them
 * (which dominated discover's cost: bench/). Correct without any invalidation message,
 * because every change to a service's instances changes its generation and an answer expires
 * with its earliest lease.
 *
 * Concurrent discovers of one service share their round trips: while one is in flight, the
 * requests that arrive wait for it and then share one more. Not the one in flight, which may
 * have read Redis before they arrived and miss a write acknowledged in between. So after a
 * change, a burst of requests rebuilds the answer once or twice instead of once each.
 */
export class DiscoveryCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly store: RegistryStore,
    /** Instances kept across all services (a rough bound on memory, ~1 KB each with its JSON). */
    maxInstances = 50_000,
  ) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxInstances, sizeCalculation: (entry) => entry.instances.length + 1 });
  }

  discover(service: string): Promise<Entry> {
    const flight = this.flights.get(service);
    if (flight === undefined) return this.fly(service);
    const fly = () => this.fly(service);
    flight.next ??= flight.done.then(fly, fly);
    return flight.next;
  }

  private fly(service: string): Promise<Entry> {
    const flight: Flight = { done: this.refresh(service) };
    this.flights.set(service, flight);
    // Runs before the queued discover starts (it was attached first), which then takes the slot.
    const land = () => {
      if (this.flights.get(service) === flight) this.flights.delete(service);
    };
    flight.done.then(land, land);
    return flight.done;
  }

  private async refresh(service: string): Promise<Entry> {
    const cached = this.entries.get(service);
    const fresh = await this.store.discover(service, undefined, cached);
    // "Unchanged" is only ever answered to the generation of an answer we passed in.
    if (fresh === undefined) return cached as Entry;
    this.entries.set(service, fresh);
    return fresh;
  }

  /**
   * The unfiltered answer, serialised once per generation. For a caller that accepts gzip, a
   * large answer is also compressed once per generation, in the background: requests that come
   * before it is ready get the plain JSON rather than waiting.
   */
  static prepared(service: string, entry: Entry, acceptsGzip: boolean): PreparedAnswer {
    entry.body ??= Buffer.from(JSON.stringify({ service, revision: entry.revision, instances: entry.instances }));
    if (acceptsGzip && entry.body.length >= GZIP_MIN_BYTES && !entry.gzipping) {
      entry.gzipping = true;
      gzip(entry.body, (error, compressed) => {
        // A failure leaves the plain JSON in use; the next caller that accepts gzip tries again.
        if (error) entry.gzipping = false;
        else entry.gzipped = compressed;
      });
    }
    return new PreparedAnswer(entry.body, acceptsGzip ? entry.gzipped : undefined);
  }
}
