import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyDeltaEvents,
  type Context,
  compileFlags,
  type DeltaEvent,
  type FlagsDocument,
  getVariant,
  isEnabled,
} from '../src/index.js';

interface SpecFile {
  name: string;
  state: FlagsDocument | { events: DeltaEvent[] };
  tests?: { description: string; context: Context; toggleName: string; expectedResult: boolean }[];
  variantTests?: {
    description: string;
    context: Context;
    toggleName: string;
    expectedResult: {
      name: string;
      enabled: boolean;
      feature_enabled: boolean;
      payload?: { type: string; value: string };
    };
  }[];
}

const require = createRequire(import.meta.url);
const specDir = dirname(require.resolve('@unleash/client-specification/specifications/index.json'));
const index = JSON.parse(readFileSync(join(specDir, 'index.json'), 'utf8')) as string[];

function load(file: string): SpecFile {
  return JSON.parse(readFileSync(join(specDir, file), 'utf8')) as SpecFile;
}

function documentOf(state: SpecFile['state']): FlagsDocument {
  return 'events' in state ? applyDeltaEvents(undefined, state.events) : state;
}

describe('@unleash/client-specification', () => {
  it('lists every specification file', () => {
    expect(index.length).toBeGreaterThanOrEqual(22);
  });

  for (const file of index) {
    const spec = load(file);
    describe(file, () => {
      // Unleash semantics: invalid rules evaluate to false instead of rejecting the document
      const compiled = compileFlags(documentOf(spec.state), { lenient: true });

      for (const t of spec.tests ?? []) {
        it(`isEnabled: ${t.description}`, () => {
          expect(isEnabled(compiled, t.toggleName, t.context)).toBe(t.expectedResult);
        });
      }
      for (const t of spec.variantTests ?? []) {
        it(`getVariant: ${t.description}`, () => {
          const v = getVariant(compiled, t.toggleName, t.context);
          const actual: Record<string, unknown> = {
            name: v.name,
            enabled: v.enabled,
            feature_enabled: v.featureEnabled,
          };
          if (v.payload !== undefined) actual.payload = { ...v.payload };
          expect(actual).toEqual(t.expectedResult);
        });
      }
    });
  }
});
