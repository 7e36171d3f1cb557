import { describe, expect, it } from 'vitest';
import { compileFlags, evaluate, getVariant, isEnabled } from '../src/index.js';

describe('rollout distribution', () => {
  const compiled = compileFlags({
    features: [
      {
        name: 'ten-percent',
        enabled: true,
        strategies: [{ name: 'flexibleRollout', parameters: { rollout: '10', stickiness: 'default' } }],
      },
      {
        name: 'thirds',
        enabled: true,
        strategies: [],
        variants: [
          { name: 'a', weight: 334 },
          { name: 'b', weight: 333 },
          { name: 'c', weight: 333 },
        ],
      },
    ],
  });

  it('a 10% rollout enables 10% ± 0.5% of 100,000 user ids, stably', () => {
    const n = 100_000;
    const first = new Uint8Array(n);
    let on = 0;
    for (let i = 0; i < n; i++) {
      const enabled = isEnabled(compiled, 'ten-percent', { userId: `user-${i}` });
      first[i] = enabled ? 1 : 0;
      if (enabled) on++;
    }
    const share = on / n;
    expect(share).toBeGreaterThanOrEqual(0.095);
    expect(share).toBeLessThanOrEqual(0.105);
    // same user, same answer (also through evaluate and with other context fields present)
    for (let i = 0; i < n; i += 7) {
      const ctx = { userId: `user-${i}`, sessionId: `s-${i % 13}`, appName: 'web' };
      expect(isEnabled(compiled, 'ten-percent', ctx)).toBe(first[i] === 1);
      expect(evaluate(compiled, 'ten-percent', ctx).enabled).toBe(first[i] === 1);
    }
  });

  it('falls back to sessionId, then random, for default stickiness', () => {
    let on = 0;
    for (let i = 0; i < 20_000; i++) if (isEnabled(compiled, 'ten-percent', { sessionId: `s-${i}` })) on++;
    expect(on / 20_000).toBeGreaterThan(0.09);
    expect(on / 20_000).toBeLessThan(0.11);
    let random = 0;
    for (let i = 0; i < 20_000; i++) if (isEnabled(compiled, 'ten-percent', {})) random++;
    expect(random / 20_000).toBeGreaterThan(0.09);
    expect(random / 20_000).toBeLessThan(0.11);
  });

  it('splits variants by weight and keeps each user on one variant', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) {
      const v = getVariant(compiled, 'thirds', { userId: `u${i}` });
      counts[v.name] = (counts[v.name] ?? 0) + 1;
      if (i % 100 === 0) expect(getVariant(compiled, 'thirds', { userId: `u${i}` }).name).toBe(v.name);
    }
    for (const k of ['a', 'b', 'c']) {
      expect((counts[k] as number) / 30_000).toBeGreaterThan(0.32);
      expect((counts[k] as number) / 30_000).toBeLessThan(0.35);
    }
  });
});
