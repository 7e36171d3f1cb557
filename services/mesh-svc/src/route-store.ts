import { type ChangeScope, createKeySpace, type KeySpace, type RedisClient, ScriptRunner, scriptsDir } from '@trellis/redis-core';

const SCRIPTS = ['put-route', 'delete-route', 'list-routes', 'get-route'] as const;

/**
 * Every route key carries ONE hash tag: routes are few and small, and one global revision lets
 * a caller watch every route that concerns it from a single point in history.
 */
const TAG = 'routes';

export interface StoredRoute {
  source: string;
  destination: string;
  revision: number;
  createdAt: number;
  updatedAt: number;
  /** The policy JSON as mesh-svc wrote it. */
  policyJson: string;
}

export type WriteResult =
  | { ok: true; revision: number; createdAt: number; updatedAt: number; created: boolean }
  | { ok: false; currentRevision: number };

export type DeleteResult = { ok: true; revision: number } | { ok: false; currentRevision: number } | { ok: false; absent: true };

export function parseStoredRoute(member: string, value: string): StoredRoute | undefined {
  const match = /^(\d+)\|(\d+)\|(\d+)\|(.*)$/s.exec(value);
  const slash = member.indexOf('/');
  if (!match || slash < 0) return undefined;
  return {
    destination: member.slice(0, slash),
    source: member.slice(slash + 1),
    revision: Number(match[1]),
    createdAt: Number(match[2]),
    updatedAt: Number(match[3]),
    policyJson: match[4]!,
  };
}

/** The only code of mesh-svc that reads or writes routes in Redis. */
export class RouteStore {
  readonly keys: KeySpace;
  readonly scope: ChangeScope;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly routesKey: string;
  private readonly indexKey: string;

  constructor(
    redis: RedisClient,
    private readonly options: { keyPrefix?: string; streamMaxLength?: number } = {},
  ) {
    this.keys = createKeySpace('mesh', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.scope = { revisionKey: this.keys.key('route-revision', TAG), streamKey: this.keys.key('route-events', TAG) };
    this.routesKey = this.keys.key('routes', TAG);
    this.indexKey = this.keys.key('route-index', TAG);
  }

  private get maxLen(): number {
    return this.options.streamMaxLength ?? 10_000;
  }

  async put(
    source: string,
    destination: string,
    policyJson: string,
    preconditions: { ifMatch?: number | '*' | undefined; ifNoneMatch?: boolean | undefined },
  ): Promise<WriteResult> {
    const reply = await this.scripts.run<number[]>(
      'put-route',
      [this.scope.revisionKey, this.scope.streamKey, this.routesKey, this.indexKey],
      [source, destination, policyJson, preconditions.ifMatch ?? '', preconditions.ifNoneMatch ? '1' : '', this.maxLen],
    );
    if (reply[0] !== 1) return { ok: false, currentRevision: Number(reply[1]) };
    return { ok: true, revision: Number(reply[1]), createdAt: Number(reply[2]), updatedAt: Number(reply[3]), created: reply[4] === 1 };
  }

  async delete(source: string, destination: string, ifMatch: number | '*' | undefined): Promise<DeleteResult> {
    const reply = await this.scripts.run<number[]>(
      'delete-route',
      [this.scope.revisionKey, this.scope.streamKey, this.routesKey, this.indexKey],
      [source, destination, ifMatch ?? '', this.maxLen],
    );
    if (reply[0] === 1) return { ok: true, revision: Number(reply[1]) };
    if (reply[0] === -1) return { ok: false, absent: true };
    return { ok: false, currentRevision: Number(reply[1]) };
  }

  /** The routes stored for exactly `source` and for `*`, and the revision they reflect, in one read. */
  async lookup(source: string, destination: string): Promise<{ revision: number; explicit?: StoredRoute; wildcard?: StoredRoute }> {
    const fields = [`${destination}/${source}`, `${destination}/*`];
    const [revision, own, star] = await this.scripts.run<[number, string | null, string | null]>(
      'get-route',
      [this.scope.revisionKey, this.routesKey],
      fields,
    );
    const explicit = own ? parseStoredRoute(fields[0]!, own) : undefined;
    const wildcard = star ? parseStoredRoute(fields[1]!, star) : undefined;
    return { revision: Number(revision), ...(explicit ? { explicit } : {}), ...(wildcard ? { wildcard } : {}) };
  }

  /** Routes in (destination, source) order after `after`, optionally of one destination only. */
  async list(options: { destination?: string | undefined; after?: string | undefined; limit: number }): Promise<{ revision: number; routes: StoredRoute[] }> {
    const floor = options.destination ? `[${options.destination}/` : '-';
    const start = options.after && (!options.destination || options.after.startsWith(`${options.destination}/`)) ? `(${options.after}` : floor;
    // '0' sorts right after '/', so "<destination>0" bounds every "<destination>/<source>".
    const end = options.destination ? `(${options.destination}0` : '+';
    const reply = await this.scripts.run<(string | number)[]>(
      'list-routes',
      [this.scope.revisionKey, this.routesKey, this.indexKey],
      [start, end, options.limit],
    );
    const routes: StoredRoute[] = [];
    for (let i = 1; i < reply.length; i += 2) {
      const route = parseStoredRoute(String(reply[i]), String(reply[i + 1]));
      if (route) routes.push(route);
    }
    return { revision: Number(reply[0]), routes };
  }
}
