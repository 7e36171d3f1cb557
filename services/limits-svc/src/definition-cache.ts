import type { ChangeLog, Subscription } from '@trellis/redis-core';
import { LRUCache } from 'lru-cache';
import type { DefinitionKind, LimitsStore, StoredRecord } from './limits-store.js';

/** What definition-put / definition-delete append to the change log. */
export interface DefinitionEvent {
  kind: DefinitionKind;
  name: string;
  revision: number;
  record: StoredRecord | null;
}

interface Entry {
  /** Revision the entry reflects: the record's own, or (absent) the log's when it was read. */
  revision: number;
  record: StoredRecord | undefined;
  fetchedAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Policy and quota definitions kept in this process, so a check is ONE Redis call (its script
 * gets the policy as arguments). Changes arrive through the change log at once, on every
 * instance; entries are ordered by revision, so an event never loses to an older read. A TTL
 * re-reads anyway in case an event was missed, and while Redis is away the last known
 * definition keeps serving (failMode needs it most exactly then).
 */
export class DefinitionCache {
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });
  private subscription: Subscription | undefined;
  private stopped = false;

  constructor(
    private readonly store: LimitsStore,
    private readonly changeLog: ChangeLog,
    private readonly ttlMs: number,
  ) {}

  start(): void {
    if (this.stopped || this.subscription) return;
    this.subscription = this.changeLog.subscribe<DefinitionEvent>(this.store.scope, undefined, {
      event: (event) => {
        const { kind, name, revision, record } = event.data;
        this.apply(kind, name, revision, record ?? undefined);
      },
      compacted: () => {
        // Events were lost: forget everything and follow the log from now on.
        this.entries.clear();
        this.subscription = undefined;
        this.start();
      },
    });
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.close();
    this.subscription = undefined;
  }

  private isFresh(entry: Entry): boolean {
    return Date.now() - entry.fetchedAt < this.ttlMs;
  }

  apply(kind: DefinitionKind, name: string, revision: number, record: StoredRecord | undefined): void {
    const id = `${kind}:${name}`;
    const current = this.entries.get(id);
    if (current && current.revision > revision) {
      current.fetchedAt = Date.now();
      return;
    }
    this.entries.set(id, { revision, record, fetchedAt: Date.now() });
  }

  /**
   * A fresh entry without waiting: `{ record }` (record undefined: known not to exist), or
   * undefined when only get() can answer. Checks take this path, and skip a promise per policy.
   */
  peek(kind: DefinitionKind, name: string): { record: StoredRecord | undefined } | undefined {
    const entry = this.entries.get(`${kind}:${name}`);
    return entry && this.isFresh(entry) ? entry : undefined;
  }

  async get(kind: DefinitionKind, name: string): Promise<StoredRecord | undefined> {
    const entry = this.entries.get(`${kind}:${name}`);
    if (entry && this.isFresh(entry)) return entry.record;
    try {
      const { record, revision } = await this.store.getDefinition(kind, name);
      this.apply(kind, name, record?.revision ?? revision, record);
      return this.entries.get(`${kind}:${name}`)?.record ?? record;
    } catch (error) {
      if (entry) return entry.record;
      throw error;
    }
  }
}
