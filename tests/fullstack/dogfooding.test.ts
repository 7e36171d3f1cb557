import { createHealthClient, createRegistryClient, getServiceHealth } from '@trellis/clients';
import { waitFor } from '@trellis/testkit';
import { describe, expect, it } from 'vitest';
import { discoverUrl } from '../src/discovery.js';
import { stackContext } from '../src/stack-context.js';

describe('dogfooding', () => {
  const stack = stackContext();
  const registry = createRegistryClient({ baseUrl: stack.registryUrl });

  it('every service of the stack registers itself with registry-svc', async () => {
    const expected = Object.keys(stack.urls).sort();
    const live = await waitFor(
      async () => {
        const { data } = await registry.GET('/v1/services');
        const names = (data?.services ?? []).filter((s) => s.instances > 0).map((s) => s.name);
        return expected.every((name) => names.includes(name)) ? names : undefined;
      },
      { timeoutMs: 20_000, message: 'every service registered' },
    );
    expect(live).toEqual(expect.arrayContaining(expected));
    for (const name of expected) {
      const { data } = await registry.GET('/v1/services/{service}/instances', { params: { path: { service: name } } });
      const instance = data?.instances[0];
      expect(instance?.status, name).toBe('UP');
      // The registered address is the one the service answers on.
      const response = await fetch(`http://${instance?.host}:${instance?.port}/readyz`);
      expect(response.status, name).toBe(200);
    }
  });

  it('health-svc checks every service of the stack and finds it passing', async () => {
    const health = createHealthClient({ baseUrl: await discoverUrl('health-svc') });
    for (const name of Object.keys(stack.urls)) {
      const body = await waitFor(
        async () => {
          const answer = await getServiceHealth(health, name);
          return answer.status === 'passing' && answer.counts.passing > 0 ? answer : undefined;
        },
        { timeoutMs: 30_000, message: `${name} passing` },
      );
      expect(body.instances.every((i) => i.status === 'passing'), name).toBe(true);
    }
  });
});
