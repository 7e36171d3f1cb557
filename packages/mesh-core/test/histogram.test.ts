import { describe, expect, it } from 'vitest';
import { bucketBounds, bucketIndex, exactQuantile, LatencyHistogram, RELATIVE_ERROR, seededRandom } from '../src/index.js';

describe('latency histogram', () => {
  it('puts every value inside its bucket bounds', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 10_000; i += 1) {
      const value = 10 ** (random() * 7 - 2);
      const [lower, upper] = bucketBounds(bucketIndex(value));
      expect(value).toBeGreaterThanOrEqual(lower * (1 - 1e-12));
      expect(value).toBeLessThan(upper * (1 + 1e-12));
    }
  });

  it('merged histograms answer quantiles within the bucket error of the raw samples', () => {
    const random = seededRandom(5);
    const samples: number[] = [];
    const parts = [new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram()];
    for (let i = 0; i < 30_000; i += 1) {
      // Log-normal-ish latencies around 20 ms with a long tail.
      const value = Math.exp(Math.log(20) + (random() + random() + random() - 1.5) * 2);
      samples.push(value);
      parts[i % 3]!.record(value);
    }
    const merged = new LatencyHistogram();
    for (const part of parts) merged.merge(part);
    expect(merged.total).toBe(30_000);
    for (const p of [0.5, 0.95, 0.99, 0.999]) {
      const exact = exactQuantile(samples, p)!;
      const estimate = merged.quantile(p)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-9);
    }
  });
});
