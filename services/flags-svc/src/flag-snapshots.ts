import { applyDeltaEvents, type CompiledFlags, compileFlags, type DeltaEvent, type Flag, type FlagsDocument, type Segment } from '@trellis/flag-engine';
import type { ChangeEvent, ChangeLog, Subscription } from '@trellis/redis-core';
import type { FastifyBaseLogger } from 'fastify';
import type { FlagsStore } from './flags-store.js';

/** What a flags change event carries (see the write scripts). */
export interface RawFlagEvent {
  environment: string;
  feature?: Flag;
  featureName?: string;
  segment?: Segment;
  segmentId?: number;
  meta?: Record<string, unknown>;
}

/** One environment's flags, compiled, at one revision: what every evaluation reads. */
export interface EnvironmentSnapshot {
  readonly environment: string;
  readonly revision: number;
  readonly document: FlagsDocument;
  readonly compiled: CompiledFlags;
  /** The flags' names in order, as bulk evaluations list them: sorted once per snapshot, not per request. */
  readonly sortedFlagNames: readonly string[];
}

function snapshotOf(environment: string, revision: number, document: FlagsDocument, compiled: CompiledFlags): EnvironmentSnapshot {
  return { environment, revision, document, compiled, sortedFlagNames: Object.freeze([...compiled.flagNames].sort()) };
}

interface Entry {
  environment: string;
  snapshot: EnvironmentSnapshot | undefined;
  loading: Promise<EnvironmentSnapshot | undefined> | undefined;
  subscription: Subscription | undefined;
  pending: ChangeEvent<RawFlagEvent>[];
  flushScheduled: boolean;
  waiters: { revision: number; resolve: () => void }[];
  lastUsed: number;
  closed: boolean;
}

export function toDeltaEvent(event: ChangeEvent<RawFlagEvent>): DeltaEvent | undefined {
  const d = event.data;
  switch (event.type) {
    case 'feature-updated':
      return d.feature ? { eventId: event.revision, type: 'feature-updated', feature: d.feature } : undefined;
    case 'feature-removed':
      return d.featureName ? { eventId: event.revision, type: 'feature-removed', featureName: d.featureName } : undefined;
    case 'segment-updated':
      return d.segment ? { eventId: event.revision, type: 'segment-updated', segment: d.segment } : undefined;
    case 'segment-removed':
      return d.segmentId !== undefined ? { eventId: event.revision, type: 'segment-removed', segmentId: d.segmentId } : undefined;
    case 'environment-deleted':
      return { eventId: event.revision, type: 'hydration', features: [], segments: [] };
    default:
      return undefined;
  }
}

/** Unleash-lenient: one invalid rule must not take the whole environment's flags down. */
function compile(doc: FlagsDocument): CompiledFlags {
  return compileFlags(doc, { lenient: true });
}

/**
 * In-memory compiled snapshots, one per environment in use, kept fresh by the environment's
 * change log (one blocking reader per environment and process). Evaluations read these and
 * never Redis; a change reaches every replica as fast as the stream delivers it.
 */
export class FlagSnapshots {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(
    private readonly store: FlagsStore,
    private readonly changeLog: ChangeLog,
    private readonly log: FastifyBaseLogger,
    private readonly maxEnvironments: number,
  ) {}

  /** The loaded snapshot, without waiting: the hot path. */
  peek(environment: string): EnvironmentSnapshot | undefined {
    const entry = this.entries.get(environment);
    if (!entry?.snapshot) return undefined;
    entry.lastUsed = Date.now();
    return entry.snapshot;
  }

  /** The snapshot itself when it is in memory (after an environment's first use), else get(). */
  current(environment: string): EnvironmentSnapshot | Promise<EnvironmentSnapshot | undefined> {
    return this.peek(environment) ?? this.get(environment);
  }

  /** The snapshot, loading it on first use; undefined when the environment does not exist. */
  async get(environment: string): Promise<EnvironmentSnapshot | undefined> {
    const ready = this.peek(environment);
    if (ready) return ready;
    if (this.closed) throw new Error('flag snapshots are closed');
    let entry = this.entries.get(environment);
    if (!entry) {
      entry = {
        environment,
        snapshot: undefined,
        loading: undefined,
        subscription: undefined,
        pending: [],
        flushScheduled: false,
        waiters: [],
        lastUsed: Date.now(),
        closed: false,
      };
      this.entries.set(environment, entry);
      this.evictIfFull();
    }
    const current = entry;
    current.loading ??= this.load(current).finally(() => {
      current.loading = undefined;
    });
    return current.loading;
  }

  /** Resolves once this process's snapshot has reached `revision` (read-your-writes), or after the timeout. */
  async waitForRevision(environment: string, revision: number, timeoutMs: number): Promise<void> {
    const entry = this.entries.get(environment);
    if (!entry?.snapshot || entry.snapshot.revision >= revision) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      entry.waiters.push({ revision, resolve: done });
    });
  }

  loadedEnvironments(): string[] {
    return [...this.entries.values()].filter((e) => e.snapshot).map((e) => e.environment);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) this.drop(entry);
    this.entries.clear();
  }

  private async load(entry: Entry): Promise<EnvironmentSnapshot | undefined> {
    const data = await this.store.readEnvironment(entry.environment);
    if (entry.closed) return undefined;
    if (!data.exists) {
      // Nothing to keep fresh: an unknown environment costs no reader (the next call asks again).
      this.drop(entry);
      return undefined;
    }
    const document: FlagsDocument = {
      features: [...data.flags.values()].map((json) => JSON.parse(json) as Flag),
      segments: [...data.segments.values()].map((json) => JSON.parse(json) as Segment),
    };
    entry.snapshot = snapshotOf(entry.environment, data.revision, document, compile(document));
    entry.pending = [];
    entry.subscription?.close();
    entry.subscription = this.changeLog.subscribe<RawFlagEvent>(this.store.scope(entry.environment), data.revision, {
      event: (event) => {
        entry.pending.push(event);
        if (!entry.flushScheduled) {
          entry.flushScheduled = true;
          // Apply a burst of events with one compile.
          setImmediate(() => this.flush(entry));
        }
      },
      compacted: () => {
        this.log.warn({ environment: entry.environment }, 'flag change log compacted; reloading the environment');
        entry.subscription = undefined;
        void this.reload(entry);
      },
    });
    this.release(entry);
    return entry.snapshot;
  }

  private async reload(entry: Entry): Promise<void> {
    for (let attempt = 0; !entry.closed; attempt += 1) {
      try {
        await this.load(entry);
        return;
      } catch (error) {
        this.log.warn({ err: error, environment: entry.environment }, 'reloading flags failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  private flush(entry: Entry): void {
    entry.flushScheduled = false;
    const events = entry.pending;
    entry.pending = [];
    const snapshot = entry.snapshot;
    if (entry.closed || !snapshot || events.length === 0) return;
    if (events.some((e) => e.type === 'environment-deleted')) {
      this.drop(entry);
      this.entries.delete(entry.environment);
      return;
    }
    const deltas = events.map(toDeltaEvent).filter((e): e is DeltaEvent => e !== undefined);
    const document = applyDeltaEvents(snapshot.document, deltas);
    const revision = (events.at(-1) as ChangeEvent).revision;
    let compiled = snapshot.compiled;
    try {
      compiled = compile(document);
    } catch (error) {
      // Writes are validated, so this means a bug; keep answering from the last good compile.
      this.log.error({ err: error, environment: entry.environment, revision }, 'flags failed to compile');
    }
    entry.snapshot = snapshotOf(entry.environment, revision, document, compiled);
    this.release(entry);
  }

  private release(entry: Entry): void {
    const revision = entry.snapshot?.revision ?? Number.POSITIVE_INFINITY;
    const still: Entry['waiters'] = [];
    for (const waiter of entry.waiters) {
      if (waiter.revision <= revision) waiter.resolve();
      else still.push(waiter);
    }
    entry.waiters = still;
  }

  private drop(entry: Entry): void {
    entry.closed = true;
    entry.subscription?.close();
    entry.subscription = undefined;
    entry.snapshot = undefined;
    for (const waiter of entry.waiters) waiter.resolve();
    entry.waiters = [];
    if (this.entries.get(entry.environment) === entry) this.entries.delete(entry.environment);
  }

  private evictIfFull(): void {
    if (this.entries.size <= this.maxEnvironments) return;
    let oldest: Entry | undefined;
    for (const entry of this.entries.values()) if (!oldest || entry.lastUsed < oldest.lastUsed) oldest = entry;
    if (oldest) this.drop(oldest);
  }
}
