/**
 * Latency histograms with FIXED log-scale buckets, so histograms recorded anywhere (clients,
 * proxies, any number of mesh-svc replicas) merge exactly by adding counts per bucket.
 *
 * Bucket 0 holds [0, MIN_MS); bucket i >= 1 holds [MIN_MS x G^(i-1), MIN_MS x G^i) with
 * G = 2^(1/16). A bucket reports the geometric middle of its bounds, so any value read back is
 * within RELATIVE_ERROR (about 2.2 %) of every sample in its bucket.
 */

export const MIN_MS = 0.01;
export const GROWTH = 2 ** (1 / 16);
/** Samples above about 10^6 ms (17 min) share the last bucket. */
export const MAX_BUCKET = Math.ceil(Math.log(1e6 / MIN_MS) / Math.log(GROWTH)) + 1;
/** Largest relative distance between a sample and its bucket's reported value. */
export const RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

const LOG_GROWTH = Math.log(GROWTH);

export function bucketIndex(ms: number): number {
  if (!(ms >= MIN_MS)) return 0;
  const index = 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH);
  return Math.min(index, MAX_BUCKET);
}

export function bucketBounds(index: number): [lower: number, upper: number] {
  if (index <= 0) return [0, MIN_MS];
  return [MIN_MS * GROWTH ** (index - 1), MIN_MS * GROWTH ** index];
}

/** The value a bucket stands for: the geometric middle (half of MIN_MS for bucket 0). */
export function bucketValue(index: number): number {
  if (index <= 0) return MIN_MS / 2;
  const [lower, upper] = bucketBounds(index);
  return Math.sqrt(lower * upper);
}

/**
 * The p-quantile (0 < p <= 1) by nearest rank: the value of the bucket holding the
 * ceil(p x n)-th smallest sample. Undefined for an empty histogram.
 */
export function quantileFromCounts(counts: ReadonlyMap<number, number>, p: number): number | undefined {
  let total = 0;
  for (const count of counts.values()) total += count;
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const index of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(index)!;
    if (seen >= rank) return bucketValue(index);
  }
  return undefined;
}

/** Exact nearest-rank quantile of raw samples: what a histogram approximates. */
export function exactQuantile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

export class LatencyHistogram {
  readonly counts = new Map<number, number>();
  total = 0;

  record(ms: number, count = 1): void {
    this.add(bucketIndex(ms), count);
  }

  add(index: number, count: number): void {
    if (count <= 0) return;
    this.counts.set(index, (this.counts.get(index) ?? 0) + count);
    this.total += count;
  }

  merge(other: LatencyHistogram): void {
    for (const [index, count] of other.counts) this.add(index, count);
  }

  quantile(p: number): number | undefined {
    return quantileFromCounts(this.counts, p);
  }
}
