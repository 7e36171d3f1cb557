import { compileFlags, type EvaluationResult, evaluate, type FlagsDocument, toResolution } from '@trellis/flag-engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnvironmentSnapshot } from './flag-snapshots.js';
import { OfrepJson } from './ofrep-json.js';

/** What the answers held before they were assembled from parts: the reference the text must equal. */
function successObject(key: string, result: EvaluationResult, environment: string) {
  const resolution = toResolution(result);
  return {
    key,
    value: resolution.value,
    reason: resolution.reason,
    variant: resolution.variant,
    metadata: { ...(result.flagMetadata ?? {}), environment },
  };
}

function snapshotOf(doc: FlagsDocument, environment = 'production'): EnvironmentSnapshot {
  const compiled = compileFlags(doc, { lenient: true });
  return { environment, revision: 1, document: doc, compiled, sortedFlagNames: [...compiled.flagNames].sort() };
}

// Text that escaping must get right: quotes, backslashes, control characters, U+2028, lone surrogates.
const awkward = fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '\ud800', '\udfff', 'é', 'a');
const text = fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 24 });
const payload = fc.record({
  type: fc.constantFrom('string', 'json', 'number', 'boolean', 'csv'),
  value: fc.oneof(text, fc.json({ maxDepth: 3 }), fc.double().map(String), fc.constantFrom('true', 'false', ' ', '')),
});
const result: fc.Arbitrary<EvaluationResult> = fc.record(
  {
    enabled: fc.boolean(),
    variant: fc.record(
      { name: text, enabled: fc.boolean(), featureEnabled: fc.boolean(), payload },
      { requiredKeys: ['name', 'enabled', 'featureEnabled'] },
    ),
    reason: fc.constantFrom('STATIC', 'DEFAULT', 'TARGETING_MATCH', 'SPLIT', 'DISABLED', 'UNKNOWN'),
    flagMetadata: fc.record({ type: text, impressionData: fc.constant(true) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['enabled', 'variant', 'reason'] },
);

describe('OfrepJson', () => {
  it('writes exactly what JSON.stringify writes of the success object, for any name, variant, payload and metadata', () => {
    fc.assert(
      fc.property(text, text, result, (key, environment, evaluation) => {
        const snapshot = snapshotOf({ version: 1, features: [] }, environment);
        const json = new OfrepJson();
        const expected = JSON.stringify(successObject(key, evaluation, environment));
        expect(json.success(snapshot, key, evaluation)).toBe(expected);
        // Twice: the second time from the parts kept for the snapshot.
        expect(json.success(snapshot, key, evaluation)).toBe(expected);
      }),
    );
  });

  it('answers a bulk evaluation with every flag in name order, failures as OFREP failures', () => {
    const snapshot = snapshotOf({
      version: 1,
      features: [
        { name: 'zeta', enabled: true, type: 'release', strategies: [{ name: 'default' }] },
        { name: 'alpha "quoted"', enabled: false, strategies: [{ name: 'default' }] },
        {
          name: 'colour',
          enabled: true,
          impressionData: true,
          strategies: [{ name: 'default' }],
          variants: [{ name: 'blue', weight: 1000, payload: { type: 'json', value: '{"hex":"#00f"}' } }],
        },
      ],
    });
    const evaluateFlag = (key: string): EvaluationResult =>
      key === 'zeta' ? { ...evaluate(snapshot.compiled, key, {}), errorCode: 'GENERAL', errorMessage: 'boom' } : evaluate(snapshot.compiled, key, {});
    const body = JSON.parse(new OfrepJson().bulk(snapshot, evaluateFlag));
    expect(body).toEqual({
      flags: [
        { key: 'alpha "quoted"', value: false, reason: 'DISABLED', variant: 'off', metadata: { environment: 'production' } },
        {
          key: 'colour',
          value: { hex: '#00f' },
          reason: expect.any(String),
          variant: 'blue',
          metadata: { impressionData: true, environment: 'production' },
        },
        { key: 'zeta', errorCode: 'GENERAL', errorDetails: 'boom' },
      ],
    });
    expect(new OfrepJson().bulk(snapshot, evaluateFlag)).toBe(
      JSON.stringify({
        flags: snapshot.sortedFlagNames.map((key) => {
          const evaluation = evaluateFlag(key);
          return evaluation.errorCode ? { key, errorCode: evaluation.errorCode, errorDetails: evaluation.errorMessage } : successObject(key, evaluation, 'production');
        }),
      }),
    );
  });
});
