import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateApiClient, type StateApiClient, StateApiError } from '../src/state/state-api.js';
import { updateWithRetry } from '../src/state/update-with-retry.js';
import { type RunningStateSvc, startStateSvc, stateEnv } from './state-helpers.js';

describe('updateWithRetry against a real state-svc', () => {
  let a: RunningStateSvc;
  let b: RunningStateSvc;
  let clientA: StateApiClient;
  let clientB: StateApiClient;
  beforeAll(async () => {
    const env = stateEnv();
    [a, b] = await Promise.all([startStateSvc(env), startStateSvc(env)]);
    clientA = createStateApiClient({ baseUrl: a.url });
    clientB = createStateApiClient({ baseUrl: b.url });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('creates the document when it is absent', async () => {
    const { document, attempts } = await updateWithRetry<{ n: number }>(clientA, 'helpers', 'fresh', (current) => ({
      n: (current?.n ?? 0) + 1,
    }));
    expect(attempts).toBe(1);
    expect(document.data).toEqual({ n: 1 });
  });

  it('50 clients x 20 increments through two instances: the final value is exactly 1000', async () => {
    await clientA.PUT('/v1/state/{namespace}/{key}', { params: { path: { namespace: 'helpers', key: 'counter' } }, body: { data: 0 } });
    const attempts: number[] = [];
    const worker = async (index: number) => {
      const client = index % 2 === 0 ? clientA : clientB;
      for (let i = 0; i < 20; i += 1) {
        const result = await updateWithRetry<number>(client, 'helpers', 'counter', (current) => (current ?? 0) + 1, {
          maxAttempts: 1_000,
          actor: `worker-${index}`,
        });
        attempts.push(result.attempts);
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => worker(i)));

    const final = await clientB.GET('/v1/state/{namespace}/{key}', { params: { path: { namespace: 'helpers', key: 'counter' } } });
    expect(final.data?.data).toBe(1_000);
    expect(attempts).toHaveLength(1_000);
    // Contention happened for real: many rounds lost their compare-and-set and were retried.
    expect(attempts.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(1_000);
  }, 180_000);

  it('writes nothing when update returns undefined, and surfaces errors other than 412', async () => {
    const before = await updateWithRetry(clientA, 'helpers', 'still', () => ({ v: 1 }));
    const unchanged = await updateWithRetry(clientA, 'helpers', 'still', () => undefined);
    expect(unchanged.document.version).toBe(before.document.version);

    const tooLarge = updateWithRetry(clientA, 'helpers', 'still', () => ({ v: 'x'.repeat(300_000) }));
    await expect(tooLarge).rejects.toBeInstanceOf(StateApiError);
    await expect(tooLarge).rejects.toMatchObject({ status: 413, code: 'DOCUMENT_TOO_LARGE' });
  });
});
