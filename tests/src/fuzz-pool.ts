// Values a service has accepted or handed out (names that exist, ids, ETags, cursors): the
// fuzzer puts them into otherwise generated requests so that they get past "not found" into
// the code behind it.

const PER_NAME = 48;

/** Whether `value` is one the parameter called `name` accepts (false for names it does not know). */
export type Acceptor = (name: string, value: unknown) => boolean;

export class ValuePool {
  /** Values that requests used successfully (strong evidence that they name something). */
  private readonly used = new Map<string, unknown[]>();
  /** Values seen in replies (some name other things: an environment's name is not a flag's). */
  private readonly seen = new Map<string, unknown[]>();

  /** `aliases[field]`: other parameter names a reply's `field` also fills (flags-svc's flag `name` is OFREP's `key`). */
  constructor(
    private readonly accepts: Acceptor,
    private readonly aliases: Record<string, string[]> = {},
  ) {}

  /** Own entries only: a reply key like `constructor` must not find Object.prototype's. */
  private aliasesOf(name: string): string[] {
    return Object.hasOwn(this.aliases, name) ? (this.aliases[name] ?? []) : [];
  }

  /** Keeps only `value` under `name` (the newest ETag of a resource). */
  set(name: string, value: string): void {
    this.used.set(name, [value]);
  }

  /** A value a successful request used. */
  addUsed(name: string, value: unknown): void {
    this.add(this.used, name, value);
    for (const alias of this.aliasesOf(name)) this.add(this.used, alias, value);
  }

  private add(store: Map<string, unknown[]>, name: string, value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    if (!this.accepts(name, value)) return;
    const list = store.get(name) ?? [];
    if (list.includes(value)) return;
    list.push(value);
    if (list.length > PER_NAME) list.shift();
    store.set(name, list);
  }

  /** Mostly a value a request used, else any value seen; a negative index: -1 the newest used (else seen), -2 the one before... */
  pick(name: string, index: number): unknown {
    const used = this.used.get(name) ?? [];
    if (index < 0) return used.at(Math.max(index, -used.length)) ?? this.seen.get(name)?.at(-1);
    const all = [...used, ...(this.seen.get(name) ?? [])];
    const list = used.length > 0 && index % 4 !== 0 ? used : all;
    return list.length > 0 ? list[index % list.length] : undefined;
  }

  /** Collects, from a JSON reply, values that parameters of the same name accept (a page's nextCursor is a cursor). */
  harvest(value: unknown, depth = 0): void {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 20)) this.harvest(item, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      this.add(this.seen, key === 'nextCursor' ? 'cursor' : key, item);
      for (const alias of this.aliasesOf(key)) this.add(this.seen, alias, item);
      this.harvest(item, depth + 1);
    }
  }
}
