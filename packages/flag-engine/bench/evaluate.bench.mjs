// Micro-benchmark of the evaluation hot path (single core, no I/O).
// Run `pnpm build` first; `pnpm bench` runs this file.
// Options: --seconds=N (per scenario, default 1.5), --assert (exit 1 below the target).
import { compileFlags, evaluate, evaluateAll, getVariant, isEnabled } from '../dist/index.js';

const TARGET = 2_000_000; // evaluations/s for flexibleRollout + one constraint
const arg = (name) => process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const SECONDS = Number(arg('seconds')?.split('=')[1] ?? 1.5);

const features = [
  {
    name: 'checkout-v2',
    enabled: true,
    strategies: [
      {
        name: 'flexibleRollout',
        parameters: { rollout: '35', stickiness: 'default', groupId: 'checkout-v2' },
        constraints: [{ contextName: 'appName', operator: 'IN', values: ['web', 'ios', 'android'] }],
      },
    ],
  },
  {
    name: 'banner-colour',
    enabled: true,
    strategies: [{ name: 'default' }],
    variants: [
      { name: 'red', weight: 333, payload: { type: 'string', value: '#f00' } },
      { name: 'green', weight: 333, payload: { type: 'string', value: '#0f0' } },
      { name: 'blue', weight: 334, payload: { type: 'string', value: '#00f' } },
    ],
  },
];
// 48 more flags of mixed kinds for evaluateAll
for (let i = 0; i < 48; i++) {
  features.push({
    name: `flag-${i}`,
    enabled: i % 5 !== 0,
    strategies:
      i % 3 === 0
        ? [{ name: 'default' }]
        : [
            {
              name: 'flexibleRollout',
              parameters: { rollout: String((i * 7) % 100), stickiness: 'default' },
              constraints: [{ contextName: 'environment', operator: 'IN', values: ['production'] }],
            },
          ],
  });
}
const compiled = compileFlags({ features });

// distinct contexts so hashing and lookups do real work
const N = 16_384;
const contexts = [];
for (let i = 0; i < N; i++) {
  contexts.push({
    userId: `user-${(i * 2654435761) >>> 0}`,
    sessionId: `s-${i}`,
    appName: i % 10 === 0 ? 'desktop' : 'web',
    environment: 'production',
    properties: { tenant: `t-${i % 97}` },
  });
}

function run(name, perCall, fn) {
  const mask = N - 1;
  let sink = 0;
  // warm-up
  for (let i = 0; i < 1_000_000; i++) sink += fn(contexts[i & mask]) ? 1 : 0;
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    let ops = 0;
    const end = process.hrtime.bigint() + BigInt(Math.round((SECONDS / 5) * 1e9));
    const start = process.hrtime.bigint();
    let now = start;
    while (now < end) {
      for (let i = 0; i < 50_000; i++) sink += fn(contexts[(ops + i) & mask]) ? 1 : 0;
      ops += 50_000;
      now = process.hrtime.bigint();
    }
    rounds.push((ops * perCall) / (Number(now - start) / 1e9));
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[2];
  return { name, median, sink };
}

const results = [
  run('isEnabled  flexibleRollout + 1 constraint', 1, (c) => isEnabled(compiled, 'checkout-v2', c)),
  run('evaluate   flexibleRollout + 1 constraint', 1, (c) => evaluate(compiled, 'checkout-v2', c).enabled),
  run('getVariant 3 weighted variants', 1, (c) => getVariant(compiled, 'banner-colour', c).enabled),
  run('evaluateAll 50 flags (per flag)', 50, (c) => evaluateAll(compiled, c)['flag-1'].enabled),
];

const fmt = (n) => `${(n / 1e6).toFixed(2)} M/s`;
console.log(`node ${process.version}, ${SECONDS}s per scenario, median of 5 rounds`);
for (const r of results) console.log(`${r.name.padEnd(44)} ${fmt(r.median).padStart(12)}`);
const headline = results[0].median;
const ok = headline >= TARGET;
console.log(
  `target: >= ${fmt(TARGET)} for flexibleRollout + 1 constraint (isEnabled): ${ok ? 'met' : 'NOT met'} (${fmt(headline)})`,
);
if (!ok && arg('assert')) process.exitCode = 1;
