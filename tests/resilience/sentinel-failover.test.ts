import { type RedisSentinelGroup, type RunningStack, startRedisSentinel, startStack, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('Redis Sentinel: the primary dies under load', () => {
  let group: RedisSentinelGroup;
  let stack: RunningStack;
  beforeAll(async () => {
    group = await startRedisSentinel({ downAfterMs: 1_000 });
    stack = await startStack({ redis: group.topology, services: ['registry-svc', 'state-svc', 'config-svc'] });
  });
  afterAll(async () => {
    await stack?.stop();
    await group?.stop();
  });

  it('services follow the promoted replica and writes resume within 10 s', async () => {
    const state = stack.urls['state-svc']!;
    let running = true;
    let sequence = 0;
    const outcomes: { at: number; ok: boolean }[] = [];
    const writers = Array.from({ length: 4 }, async () => {
      while (running) {
        const id = sequence++;
        let ok = false;
        try {
          const response = await fetch(`${state}/v1/state/failover/doc-${id}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ data: { id } }),
            signal: AbortSignal.timeout(3_000),
          });
          await response.arrayBuffer();
          ok = response.ok;
        } catch {}
        outcomes.push({ at: Date.now(), ok });
        if (!ok) await new Promise((r) => setTimeout(r, 50));
      }
    });
    await waitFor(() => outcomes.filter((o) => o.ok).length > 20, { timeoutMs: 10_000 });

    await group.primary.kill('SIGKILL');
    const killedAt = Date.now();
    const resumedAt = await waitFor(
      () => {
        const ok = outcomes.filter((o) => o.at > killedAt + 200 && o.ok);
        return ok.length >= 5 ? ok[0]!.at : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, message: 'writes resumed on the promoted replica' },
    );
    running = false;
    await Promise.all(writers);
    expect(resumedAt - killedAt, 'writes resume within 10 s of the primary dying').toBeLessThan(10_000);
    // Reads and writes work through every service after the failover.
    for (const [name, url] of Object.entries(stack.urls)) {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, name).toBe(200);
    }
  });
});
