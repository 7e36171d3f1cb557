export function median(values) {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (value, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

/**
 * A ratio between two scenarios measured in the same rounds, taken round by round (each round's
 * run against the same round's run of the other) and summarised as median, min and max. Pairing
 * cancels what drifts between rounds on a shared host; the spread says how far the verdict can
 * be trusted.
 */
export function pairedRatio(runs, baselineRuns, ratioOf) {
  const ratios = [];
  for (let i = 0; i < Math.min(runs.length, baselineRuns.length); i += 1) ratios.push(ratioOf(runs[i], baselineRuns[i]));
  const finite = ratios.filter((r) => Number.isFinite(r));
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}
