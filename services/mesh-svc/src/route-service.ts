import { type RoutePolicy as CorePolicy, routePolicyProblems, withDefaults } from '@trellis/mesh-core';
import type { ChangeEvent, ChangeLog } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import type { RouteStore, StoredRoute } from './route-store.js';
import type { Route, RouteEvent, RouteEventPage, RoutePolicy, RoutePolicyInput } from './schemas.js';

/** What the route scripts append to the change log. */
interface RawRouteEvent {
  source: string;
  destination: string;
  policy: RoutePolicy | null;
}

export function toRouteEvent(event: ChangeEvent<RawRouteEvent>): RouteEvent {
  return { revision: event.revision, type: event.type as RouteEvent['type'], time: event.time, data: event.data };
}

export const etagOf = (revision: number) => `"${revision}"`;

/** `"12"`, `W/"12"` or `*`; anything else can never match, so it is a 412 rather than a 400. */
export function parseIfMatch(header: string | undefined): number | '*' | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value);
  return match ? Number(match[1]) : -1;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toRoute(stored: StoredRoute, asked: { source: string; destination: string }, origin: Route['origin'], asOfRevision: number): Route {
  return {
    source: asked.source,
    destination: asked.destination,
    origin,
    revision: stored.revision,
    asOfRevision,
    // Stored with defaults applied; withDefaults again so routes written by an older mesh-svc gain new fields.
    policy: withDefaults(JSON.parse(stored.policyJson) as RoutePolicyInput) as RoutePolicy,
    createdAt: iso(stored.createdAt),
    updatedAt: iso(stored.updatedAt),
  };
}

export function defaultRoute(source: string, destination: string, asOfRevision: number): Route {
  return {
    source,
    destination,
    origin: 'default',
    revision: 0,
    asOfRevision,
    policy: withDefaults() as RoutePolicy,
    createdAt: null,
    updatedAt: null,
  };
}

function preconditionFailed(currentRevision: number): HttpProblem {
  return new HttpProblem(412, 'PRECONDITION_FAILED', 'The route changed (or does not exist): re-read it and retry', {
    extensions: currentRevision > 0 ? { currentETag: etagOf(currentRevision) } : {},
  });
}

/** Routes: stored per (source, destination), with `*` as every caller's fallback and a built-in default. */
export class RouteService {
  constructor(
    readonly store: RouteStore,
    readonly changeLog: ChangeLog,
  ) {}

  /** The route `source` uses for `destination`: its own, else the destination's `*` route, else the default. */
  async effective(source: string, destination: string): Promise<Route> {
    const { revision, explicit, wildcard } = await this.store.lookup(source, destination);
    if (explicit) return toRoute(explicit, { source, destination }, source === '*' ? 'wildcard' : 'explicit', revision);
    if (wildcard) return toRoute(wildcard, { source, destination }, 'wildcard', revision);
    return defaultRoute(source, destination, revision);
  }

  async put(
    source: string,
    destination: string,
    input: RoutePolicyInput,
    preconditions: { ifMatch?: number | '*' | undefined; ifNoneMatch?: boolean },
  ): Promise<{ route: Route; created: boolean }> {
    const policy: CorePolicy = withDefaults(input);
    const problems = routePolicyProblems(policy);
    if (problems.length > 0) {
      throw new HttpProblem(400, 'INVALID_ROUTE', problems.join('; '), {
        extensions: { errors: problems.map((message) => ({ path: 'body', message })) },
      });
    }
    if (preconditions.ifMatch === -1) throw preconditionFailed(0);
    const policyJson = JSON.stringify(policy);
    const result = await this.store.put(source, destination, policyJson, preconditions);
    if (!result.ok) throw preconditionFailed(result.currentRevision);
    return {
      created: result.created,
      route: {
        source,
        destination,
        origin: source === '*' ? 'wildcard' : 'explicit',
        revision: result.revision,
        asOfRevision: result.revision,
        policy: policy as RoutePolicy,
        createdAt: iso(result.createdAt),
        updatedAt: iso(result.updatedAt),
      },
    };
  }

  async delete(source: string, destination: string, ifMatch: number | '*' | undefined): Promise<void> {
    if (ifMatch === -1) throw preconditionFailed(0);
    const result = await this.store.delete(source, destination, ifMatch);
    if (result.ok) return;
    if ('absent' in result) throw notFound(`A route ${source} -> ${destination}`);
    throw preconditionFailed(result.currentRevision);
  }

  async list(options: { destination?: string | undefined; cursor?: string | undefined; limit: number }) {
    let after: string | undefined;
    if (options.cursor) {
      after = Buffer.from(options.cursor, 'base64url').toString('utf8');
      if (!/^[a-z0-9-]+\/[a-z0-9*-]+$/.test(after)) throw new HttpProblem(400, 'INVALID_CURSOR', 'The cursor is not one this API returned');
    }
    const { revision, routes } = await this.store.list({ destination: options.destination, after, limit: options.limit + 1 });
    const page = routes.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      revision,
      items: page.map((stored) => toRoute(stored, stored, stored.source === '*' ? 'wildcard' : 'explicit', revision)),
      nextCursor: routes.length > options.limit && last ? Buffer.from(`${last.destination}/${last.source}`).toString('base64url') : null,
    };
  }

  /** Events that can change what `source` uses for `destination` (its own route or the `*` one). */
  eventFilter(source: string | undefined, destination: string | undefined) {
    return (event: ChangeEvent<RawRouteEvent>) =>
      (destination === undefined || event.data.destination === destination) &&
      (source === undefined || event.data.source === source || event.data.source === '*');
  }

  async waitForEvents(
    source: string | undefined,
    destination: string | undefined,
    afterRevision: number,
    timeoutMs: number,
  ): Promise<RouteEventPage> {
    const page = await this.changeLog.waitForEvents(this.store.scope, afterRevision, timeoutMs, this.eventFilter(source, destination));
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toRouteEvent) };
  }
}
