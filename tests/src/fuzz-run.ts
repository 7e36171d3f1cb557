// One service's fuzz suite: a test per operation (creators first, so that later operations find
// things to read, change and delete), then a check that the service is still alive.
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, send, TransportError, toWire, type WireRequest } from './fuzz-http.js';
import { operationFor, violations } from './fuzz-oracle.js';
import { ValuePool } from './fuzz-pool.js';
import { comboName, etagName, type FuzzRequest, type GenContext, requestArb, resolveRequest, resourceKey, sweepRequests, validRequest, WAIT_CAPS } from './fuzz-requests.js';
import { type JsonSchema, loadServiceSpec, type Operation, type ServiceSpec } from './fuzz-spec.js';
import { stackContext } from './stack-context.js';

/** FUZZ_SEED fixes every generated request; FUZZ_RUNS requests per operation; FUZZ_OPS=op1,op2 runs only those. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const ONLY = process.env.FUZZ_OPS ? new Set(process.env.FUZZ_OPS.split(',')) : undefined;
/** FUZZ_LOG=<file>: every violation as a JSON line (all of them, not only each operation's first). */
const LOG = process.env.FUZZ_LOG;
/** FUZZ_STATS=<file>: per operation, how many replies had each status (to see how deep the requests reach). */
const STATS = process.env.FUZZ_STATS;
/** FUZZ_VALID_ONLY=1: only requests valid by the spec (to see how many get through, with FUZZ_STATS and FUZZ_LOG_ALL). */
const VALID_ONLY = process.env.FUZZ_VALID_ONLY === '1';
/** FUZZ_LOG_ALL=1: log every request to FUZZ_LOG, not only violations. */
const LOG_ALL = process.env.FUZZ_LOG_ALL === '1';
/** FUZZ_SHRINK=1: stop an operation at its first violation and let fast-check shrink it (else: run all, list every kind). */
const SHRINK = process.env.FUZZ_SHRINK === '1';
const REQUEST_TIMEOUT_MS = 10_000;

const replay = (op: Operation, seed: number) =>
  `Replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_OPS=${op.operationId} npx vitest run --project fuzz (operation seed ${seed}; FUZZ_SHRINK=1 to shrink)`;

/**
 * Creators first (a PUT or POST naming the resource last, or a POST to a collection), then other
 * writes, then reads, then deletes: later operations find things to read, change and delete.
 */
function rank(op: Operation): number {
  const last = op.path.split('/').pop() ?? '';
  const hasParams = op.path.includes('{');
  if ((op.method === 'PUT' || op.method === 'POST') && (last.startsWith('{') || !hasParams)) return 0;
  if (op.method === 'GET') return 2;
  if (op.method === 'DELETE') return 3;
  return 1;
}

/** A stable 32-bit seed per operation, so that each one's run replays on its own. */
function seedFor(operationId: string): number {
  let hash = FUZZ_SEED | 0;
  for (const char of operationId) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

export function describeWire(wire: WireRequest): string {
  const headers = Object.entries(wire.headers)
    .map(([name, value]) => `${name}: ${clip(JSON.stringify(value), 120)}`)
    .join(', ');
  return `${wire.method} ${clip(wire.target, 300)} [${headers}]${wire.body ? ` body ${clip(JSON.stringify(wire.body.toString('utf8')))}` : ''}`;
}

function describeReply(reply: Reply): string {
  return `${reply.status} ${String(reply.headers['content-type'] ?? '')} ${reply.streamed ? '(stream)' : clip(reply.body.toString('utf8'))}`;
}

/** Whether a parameter with `schema` accepts `value` as it arrives in a URL or header (text, coerced as the services coerce it). */
function accepts(spec: ServiceSpec, schema: JsonSchema, value: unknown): boolean {
  const type = schema.type;
  const coerced = (type === 'integer' || type === 'number') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return spec.validate(schema, coerced) === undefined;
}

/** The pool takes values that the service's path and query parameters of that name accept, and any ETag. */
function poolAcceptor(spec: ServiceSpec): (name: string, value: unknown) => boolean {
  const schemas = new Map<string, JsonSchema>();
  for (const op of spec.operations) {
    for (const param of op.parameters) {
      if ((param.in === 'path' || param.in === 'query') && !schemas.has(param.name)) schemas.set(param.name, param.schema);
    }
  }
  return (name, value) => {
    if (name === 'etag' || name.startsWith('path:')) return typeof value === 'string';
    const schema = schemas.get(name);
    return schema !== undefined && accepts(spec, schema, value);
  };
}

function learn(pool: ValuePool, request: FuzzRequest, reply: Reply): void {
  if (reply.status < 200 || reply.status >= 300) return;
  for (const [name, value] of [...Object.entries(request.path), ...Object.entries(request.query)]) pool.addUsed(name, value);
  const names = Object.keys(request.path);
  if (names.length > 1) pool.addUsed(comboName(names), JSON.stringify(request.path));
  const etag = reply.headers.etag;
  if (typeof etag === 'string') {
    pool.addUsed('etag', etag);
    pool.set(etagName(resourceKey(request.path)), etag);
  }
  if (!reply.streamed && String(reply.headers['content-type'] ?? '').includes('json')) {
    try {
      pool.harvest(JSON.parse(reply.body.toString('utf8')));
    } catch {
      // The oracle reports bodies that are not JSON.
    }
  }
}

export interface FuzzOptions {
  /** Values to start the pool with, by parameter name (e.g. the stack's own service names). */
  seeds?: Record<string, string[]>;
  /** Reply fields (and parameters) that also fill other parameter names. */
  aliases?: Record<string, string[]>;
  /** Operations to run after all the others (an import that replaces everything the others made). */
  runLast?: string[];
}

export function fuzzService(service: string, options: FuzzOptions = {}): void {
  const spec = loadServiceSpec(service);
  const rankIn = (op: Operation) => (options.runLast?.includes(op.operationId) ? 9 : rank(op));
  const operations = [...spec.operations]
    .filter((op) => !ONLY || ONLY.has(op.operationId))
    .sort((a, b) => rankIn(a) - rankIn(b));
  const ctx: GenContext = { spec, waits: WAIT_CAPS };
  const pool = new ValuePool(poolAcceptor(spec), options.aliases);
  for (const [name, values] of Object.entries(options.seeds ?? {})) for (const value of values) pool.addUsed(name, value);

  describe(`fuzz ${service}`, () => {
    let baseUrl = '';
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

    beforeAll(() => {
      const url = stackContext().urls[service];
      if (!url) throw new Error(`${service} is not in the stack`);
      baseUrl = url;
    });
    afterAll(() => agent.destroy());

    /** Why the service cannot serve (its /readyz: Redis unreachable or busy), or undefined when it can. */
    const notReady = async (): Promise<string | undefined> => {
      try {
        const reply = await send(baseUrl, agent, { method: 'GET', target: '/readyz', headers: {}, body: undefined }, 5_000);
        return reply.status === 200 ? undefined : `/readyz answers ${reply.status} ${reply.body.toString('utf8').slice(0, 200)}`;
      } catch (error) {
        return `/readyz: ${(error as Error).message}`;
      }
    };

    for (const op of operations) {
      it(`${op.method} ${op.path} (${op.operationId})`, { timeout: 300_000 }, async () => {
        // A request that wedged the data store fails every later one: say so once, and fast.
        const before = await notReady();
        if (before) throw new Error(`${service} cannot serve before ${op.operationId} (${before}): an earlier request left its data store unavailable; see the first failure`);
        const seed = seedFor(op.operationId);
        // Every violation of the run, by kind, with the first request that showed it.
        const found = new Map<string, string>();
        const statuses: Record<string, number> = {};
        const property = fc.asyncProperty(VALID_ONLY ? validRequest(ctx, op) : requestArb(ctx, op), async (generated) => {
          const request = resolveRequest(generated, pool, (location, name, value) => {
            const param = op.parameters.find((p) => p.in === location && p.name === name);
            return param !== undefined && accepts(spec, param.schema, value);
          });
          const wire = toWire(op, request);
          let reply: Reply;
          let problems: string[];
          try {
            reply = await send(baseUrl, agent, wire, REQUEST_TIMEOUT_MS);
            learn(pool, request, reply);
            const method = request.method ?? op.method;
            problems = violations(spec, operationFor(spec, op, method), reply, method === 'HEAD');
          } catch (error) {
            if (!(error instanceof TransportError)) throw error;
            reply = { status: 0, headers: {}, body: Buffer.alloc(0), streamed: false };
            problems = [error.message];
          }
          if (reply.status >= 500 || reply.status === 0) {
            const after = await notReady();
            if (after) {
              report(op, request, wire, reply, [...problems, `left the service unable to serve (${after})`]);
              throw new Error(
                `${service} ${op.operationId}: after this request the service cannot serve (${after})\n    request (${request.strategy}): ${describeWire(wire)}\n    reply: ${describeReply(reply)}`,
              );
            }
          }
          statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
          if (LOG_ALL) report(op, request, wire, reply, problems);
          if (problems.length === 0) return;
          if (!LOG_ALL) report(op, request, wire, reply, problems);
          const message = `${problems.join('; ')}\n    request (${request.strategy}): ${describeWire(wire)}\n    reply: ${describeReply(reply)}`;
          // One entry per kind: array indices, long numbers and quoted values vary between requests.
          const kind = problems.map((problem) => problem.replace(/\/\d+/g, '/N').replace(/\d{4,}|"[^"]*"/g, '…')).join('; ');
          if (!found.has(kind)) found.set(kind, message);
          if (SHRINK) throw new Error(message);
        });
        // The sweep first (as fast-check examples, tried before the generated requests), then RUNS random ones.
        const examples = VALID_ONLY ? [] : sweepRequests(ctx, op, seed).map((request) => [request] as [FuzzRequest]);
        try {
          await fc.assert(property, { seed, numRuns: examples.length + RUNS, examples, endOnFailure: !SHRINK, includeErrorInReport: true });
        } catch (error) {
          throw new Error(`${service} ${op.operationId}: ${(error as Error).message}\n\n${replay(op, seed)}`, { cause: error });
        } finally {
          if (STATS) appendFileSync(STATS, `${JSON.stringify({ service, operationId: op.operationId, statuses })}\n`);
        }
        if (found.size > 0) {
          const list = [...found.values()].map((message, i) => `  ${i + 1}. ${message}`).join('\n');
          throw new Error(`${service} ${op.operationId}: ${found.size} kind(s) of spec violation\n${list}\n\n${replay(op, seed)}`);
        }
      });
    }

    it('still answers /livez and /readyz', async () => {
      for (const probe of ['/livez', '/readyz']) {
        const reply = await send(baseUrl, agent, { method: 'GET', target: probe, headers: {}, body: undefined }, REQUEST_TIMEOUT_MS);
        expect(reply.status, `${service} ${probe}`).toBe(200);
      }
    });
  });
}

function report(op: Operation, request: FuzzRequest, wire: WireRequest, reply: Reply, found: string[]): void {
  if (!LOG) return;
  appendFileSync(
    LOG,
    `${JSON.stringify({
      service: op.service,
      operationId: op.operationId,
      strategy: request.strategy,
      violations: found,
      request: describeWire(wire),
      reply: describeReply(reply),
      // Enough to replay it with curl, when it is not huge.
      wire: wire.target.length + (wire.body?.length ?? 0) < 50_000 ? { ...wire, body: wire.body?.toString('base64') } : undefined,
    })}\n`,
  );
}
