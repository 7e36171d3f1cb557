import { describe, expect, it } from 'vitest';
import { median, pairedRatio } from '../src/stats.mjs';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, ignoring non-numbers', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, Number.NaN, 3])).toBe(2);
    expect(median([])).toBeNaN();
  });
});

describe('pairedRatio', () => {
  const rps = (s: { rps: number }, b: { rps: number }) => s.rps / b.rps;

  it('compares each round with the same round of the baseline', () => {
    // The host slows down from round to round; the scenario stays at half the baseline.
    const baseline = [{ rps: 1_000 }, { rps: 600 }, { rps: 800 }];
    const scenario = [{ rps: 500 }, { rps: 300 }, { rps: 400 }];
    expect(pairedRatio(scenario, baseline, rps)).toEqual({ median: 0.5, min: 0.5, max: 0.5 });
  });

  it('gives the spread over rounds', () => {
    const baseline = [{ rps: 100 }, { rps: 100 }, { rps: 100 }];
    const scenario = [{ rps: 70 }, { rps: 90 }, { rps: 80 }];
    expect(pairedRatio(scenario, baseline, rps)).toEqual({ median: 0.8, min: 0.7, max: 0.9 });
  });

  it('pairs only the rounds both have', () => {
    expect(pairedRatio([{ rps: 50 }, { rps: 60 }], [{ rps: 100 }], rps)).toEqual({ median: 0.5, min: 0.5, max: 0.5 });
  });
});
