import type { Flag, FlagsDocument, Segment } from './types.js';

/** Events of Unleash's delta API (`/api/client/delta`). */
export type DeltaEvent =
  | { eventId: number; type: 'hydration'; features: Flag[]; segments?: Segment[] }
  | { eventId: number; type: 'feature-updated'; feature: Flag }
  | { eventId: number; type: 'feature-removed'; featureName: string; project?: string }
  | { eventId: number; type: 'segment-updated'; segment: Segment }
  | { eventId: number; type: 'segment-removed'; segmentId: number };

/**
 * Applies delta events in order to a document (or to an empty one) and
 * returns a new document; the input is not modified. Unknown event types
 * are ignored.
 */
export function applyDeltaEvents(base: FlagsDocument | undefined, events: readonly DeltaEvent[]): FlagsDocument {
  const features = new Map<string, Flag>();
  const segments = new Map<number, Segment>();
  for (const f of base?.features ?? []) features.set(f.name, f);
  for (const s of base?.segments ?? []) segments.set(s.id, s);
  for (const e of events) {
    switch (e.type) {
      case 'hydration':
        features.clear();
        segments.clear();
        for (const f of e.features) features.set(f.name, f);
        for (const s of e.segments ?? []) segments.set(s.id, s);
        break;
      case 'feature-updated':
        features.set(e.feature.name, e.feature);
        break;
      case 'feature-removed':
        features.delete(e.featureName);
        break;
      case 'segment-updated':
        segments.set(e.segment.id, e.segment);
        break;
      case 'segment-removed':
        segments.delete(e.segmentId);
        break;
      default:
        break;
    }
  }
  return { features: [...features.values()], segments: [...segments.values()] };
}
