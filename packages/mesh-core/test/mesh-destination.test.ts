import { describe, expect, it } from 'vitest';
import { type Endpoint, MeshDestination, seededRandom, withDefaults } from '../src/index.js';

const endpoint = (instanceId: string): Endpoint => ({ instanceId, host: 'h', port: 1, version: '1', tags: [], weight: 100 });
const pool = [endpoint('a'), endpoint('b'), endpoint('c')];

class ConnectRefused extends Error {}

/** An in-memory transport: each instance answers from its script of statuses. */
function transport(behaviour: Record<string, number | 'refuse' | 'hang'>) {
  const calls: string[] = [];
  return {
    calls,
    send: async (e: Endpoint, signal: AbortSignal) => {
      calls.push(e.instanceId);
      const action = behaviour[e.instanceId] ?? 200;
      if (action === 'refuse') throw new ConnectRefused('refused');
      if (action === 'hang') {
        return new Promise<number>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      }
      return action;
    },
    statusOf: (status: number) => status,
    discard: () => {},
    classifyError: (error: unknown) => (error instanceof ConnectRefused ? ('connect-failure' as const) : ('reset' as const)),
  };
}

describe('MeshDestination.call', () => {
  const route = withDefaults({ loadBalancer: 'round-robin', retries: { backoff: { baseMs: 1, maxMs: 2 } } });

  it('retries a 503 and a refused connection on another instance, never a 400', async () => {
    const destination = new MeshDestination({ random: seededRandom(1) });
    const t = transport({ a: 503, b: 'refuse' });
    const result = await destination.call({ route, endpoints: pool.slice(0, 2), ...t });
    expect(result).toMatchObject({ ok: true, status: 503, attempts: 3 });
    expect(t.calls).toEqual(['a', 'b', 'a']);
    const recovered = transport({ a: 503, b: 'refuse', c: 200 });
    expect(await destination.call({ route, endpoints: pool, ...recovered })).toMatchObject({ ok: true, status: 200 });
    expect(new Set(recovered.calls).size).toBe(recovered.calls.length);

    const bad = transport({ a: 400, b: 400, c: 400 });
    expect(await destination.call({ route, endpoints: pool, ...bad })).toMatchObject({ ok: true, status: 400, attempts: 1 });
    expect(bad.calls).toHaveLength(1);
  });

  it('gives up after max retries with the last answer', async () => {
    const destination = new MeshDestination({ random: seededRandom(2) });
    const t = transport({ a: 503, b: 503, c: 503 });
    expect(await destination.call({ route, endpoints: pool, ...t })).toMatchObject({ ok: true, status: 503, attempts: 3 });
    const refused = transport({ a: 'refuse', b: 'refuse', c: 'refuse' });
    expect(await destination.call({ route, endpoints: pool, ...refused })).toMatchObject({ ok: false, reason: 'connect-failure', attempts: 3 });
  });

  it('times out per try and overall', async () => {
    const destination = new MeshDestination();
    const hanging = transport({ a: 'hang', b: 'hang', c: 'hang' });
    const timed = withDefaults({ timeoutMs: 200, perTryTimeoutMs: 50, retries: { retryOn: ['gateway-error'], max: 10, backoff: { baseMs: 1, maxMs: 1 } } });
    const result = await destination.call({ route: timed, endpoints: pool, ...hanging });
    expect(result).toMatchObject({ ok: false });
    expect(['timeout']).toContain((result as { reason: string }).reason);
    expect(hanging.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('answers no-endpoints and overflow without calling anyone', async () => {
    const destination = new MeshDestination();
    const t = transport({ a: 'hang' });
    expect(await destination.call({ route, endpoints: [], ...t })).toMatchObject({ ok: false, reason: 'no-endpoints' });
    const tight = withDefaults({ circuitBreaker: { maxRequests: 1, maxPending: 0 }, timeoutMs: 2_000, perTryTimeoutMs: 2_000 });
    const controller = new AbortController();
    const first = destination.call({ route: tight, endpoints: [endpoint('a')], ...t, signal: controller.signal });
    expect(await destination.call({ route: tight, endpoints: [endpoint('a')], ...t })).toMatchObject({ ok: false, reason: 'overflow' });
    controller.abort();
    expect(await first).toMatchObject({ ok: false, reason: 'aborted' });
    expect(destination.outliers.ejected()).toEqual([]);
  });
});
