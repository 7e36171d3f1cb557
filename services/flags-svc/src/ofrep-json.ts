import { type EvaluationResult, toResolution } from '@trellis/flag-engine';
import type { EnvironmentSnapshot } from './flag-snapshots.js';

/** What a snapshot fixes of a flag's OFREP success: the text before its value and after its variant. */
interface FixedParts {
  head: string;
  tail: string;
}

const valueJson = (value: unknown): string => (typeof value === 'boolean' ? (value ? 'true' : 'false') : JSON.stringify(value));

/**
 * OFREP answers as JSON text, assembled from parts each snapshot fixes per flag. The text is
 * exactly what `JSON.stringify` makes of `{ key, value, reason, variant, metadata }` (the tests
 * hold it to that).
 *
 * A bulk evaluation answers every flag of the environment, and building those objects and
 * serialising them was a large share of its cost (bench/FINDINGS.md): a key and metadata that
 * change only with the snapshot were copied and escaped again for every flag of every request.
 * Only value, reason and variant depend on the context. The parts live as long as the snapshot
 * does: a new revision is a new snapshot.
 */
export class OfrepJson {
  readonly #parts = new WeakMap<EnvironmentSnapshot, Map<string, FixedParts>>();

  success(snapshot: EnvironmentSnapshot, key: string, result: EvaluationResult): string {
    return this.#success(this.#partsOf(snapshot), snapshot, key, result);
  }

  /** A bulk answer: `{"flags":[...]}` with each evaluation's success, or its failure for one that erred. */
  bulk(snapshot: EnvironmentSnapshot, evaluate: (key: string) => EvaluationResult): string {
    const byFlag = this.#partsOf(snapshot);
    let text = '{"flags":[';
    const names = snapshot.sortedFlagNames;
    for (let i = 0; i < names.length; i += 1) {
      const key = names[i] as string;
      const result = evaluate(key);
      if (i > 0) text += ',';
      text +=
        result.errorCode === undefined
          ? this.#success(byFlag, snapshot, key, result)
          : JSON.stringify({ key, errorCode: result.errorCode, errorDetails: result.errorMessage ?? result.errorCode });
    }
    return `${text}]}`;
  }

  /** The parts kept for a snapshot's flags: looked up once per answer, not once per flag. */
  #partsOf(snapshot: EnvironmentSnapshot): Map<string, FixedParts> {
    let byFlag = this.#parts.get(snapshot);
    if (!byFlag) {
      byFlag = new Map();
      this.#parts.set(snapshot, byFlag);
    }
    return byFlag;
  }

  #success(byFlag: Map<string, FixedParts>, snapshot: EnvironmentSnapshot, key: string, result: EvaluationResult): string {
    let parts = byFlag.get(key);
    if (!parts) {
      parts = {
        head: `{"key":${JSON.stringify(key)},"value":`,
        // The flag's metadata is the snapshot's: the same for every evaluation of it.
        tail: `,"metadata":${JSON.stringify({ ...(result.flagMetadata ?? {}), environment: snapshot.environment })}}`,
      };
      // Only names of the snapshot's flags are kept, so a caller cannot grow the map with made-up keys.
      if (snapshot.compiled.has(key)) byFlag.set(key, parts);
    }
    const resolution = toResolution(result);
    return `${parts.head}${valueJson(resolution.value)},"reason":${JSON.stringify(resolution.reason)},"variant":${JSON.stringify(resolution.variant)}${parts.tail}`;
  }
}
