/** What the mesh needs to know about an instance; registry-svc's Instance has all of it. */
export interface Endpoint {
  instanceId: string;
  host: string;
  port: number;
  version: string;
  tags: readonly string[];
  /** Relative weight for the weighted balancer (registry-svc: 0..1000, default 100). */
  weight: number;
}

/** A source of uniform numbers in [0, 1): Math.random, or a seeded one in tests. */
export type RandomSource = () => number;

/** Mulberry32: a tiny seeded generator, so tests that count picks are reproducible. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
