import { type RunningStack, startStack, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

async function liveServices(registryUrl: string): Promise<string[]> {
  const response = await fetch(`${registryUrl}/v1/services`);
  const body = (await response.json()) as { services: { name: string; instances: number }[] };
  return body.services.filter((s) => s.instances > 0).map((s) => s.name);
}

describe('registry-svc down', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    // Short leases, so that the outage outlasts them and the services must register again.
    stack = await startStack({
      services: ['registry-svc', 'state-svc', 'config-svc'],
      env: { REGISTRATION_TTL_SECONDS: '5' },
    });
  });
  afterAll(() => stack?.stop());

  it('services keep serving, and register again when it returns', async () => {
    const others = ['state-svc', 'config-svc'];
    await waitFor(async () => (await liveServices(stack.registryUrl)).length === 3 || undefined, {
      timeoutMs: 10_000,
    });

    await stack.processes['registry-svc']!.kill();
    // Longer than the 5 s leases: every registration lapses while the registry is away.
    const outageEnds = Date.now() + 7_000;
    while (Date.now() < outageEnds) {
      const state = await fetch(`${stack.urls['state-svc']}/v1/state/outage/doc`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { at: Date.now() } }),
      });
      expect(state.status).toBeLessThan(300);
      const config = await fetch(`${stack.urls['config-svc']}/v1/config/outage%2Fns`);
      expect(config.status).toBe(200);
      await new Promise((r) => setTimeout(r, 250));
    }

    await stack.restart('registry-svc');
    const back = await waitFor(
      async () => {
        const names = await liveServices(stack.registryUrl);
        return others.every((name) => names.includes(name)) ? names : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, message: 'services registered again' },
    );
    expect(back).toEqual(expect.arrayContaining(['registry-svc', ...others]));
  });
});
