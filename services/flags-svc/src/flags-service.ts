import {
  contextProblem,
  type EvaluationResult,
  evaluate,
  type Flag,
  type FlagsDocument,
  type Segment,
  toEngineContext,
  toResolution,
} from '@trellis/flag-engine';
import { type ChangeEvent, type ChangeLog, ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound, thenOrNow } from '@trellis/service-kit';
import type { Static } from 'typebox';
import {
  assertFlagName,
  type CanonicalSegment,
  canonicalFeature,
  canonicalSegment,
  type Feature,
  featureReferences,
  validateFeatures,
  validateSingleFeature,
  validateSingleSegment,
} from './flag-model.js';
import type { EnvironmentSnapshot, FlagSnapshots, RawFlagEvent } from './flag-snapshots.js';
import type { FlagsStore, ImportEntities, StoredMeta } from './flags-store.js';
import { createValidator } from './input-validator.js';
import { applyMergePatch } from './merge-patch.js';
import { OfrepJson } from './ofrep-json.js';
import { expectedFrom, type Preconditions, problemFromScript } from './preconditions.js';
import type {
  Evaluation,
  FlagEvent,
  FlagEventPage,
  FlagEventType,
  FlagInput,
  RecordMeta,
  SegmentInput,
  UsageReport,
} from './schemas.js';
import { daysBetween, minuteOf, type UsageRecorder, usageFields } from './usage.js';

type EvaluationBody = Static<typeof Evaluation>;

export interface FlagsServiceOptions {
  requireIfMatch: boolean;
  /** How long a write waits for this instance's snapshot to include it (read-your-writes). */
  readYourWritesMs: number;
}

export interface FlagRecordBody {
  environment: string;
  flag: Feature;
  meta: RecordMeta;
}

export interface SegmentRecordBody {
  environment: string;
  segment: CanonicalSegment;
  meta: RecordMeta;
}

export function toRecordMeta(meta: StoredMeta): RecordMeta {
  return {
    version: meta.version,
    createRevision: meta.createRevision,
    modRevision: meta.modRevision,
    createdAt: new Date(meta.createdAt).toISOString(),
    updatedAt: new Date(meta.updatedAt).toISOString(),
    updatedBy: meta.updatedBy,
  };
}

export function toPublicEvent(event: ChangeEvent<RawFlagEvent>): FlagEvent {
  const d = event.data;
  const data: FlagEvent['data'] = { environment: d.environment };
  if (d.feature) data.feature = d.feature as unknown as FlagEvent['data']['feature'];
  if (d.featureName !== undefined) data.featureName = d.featureName;
  if (d.segment) data.segment = d.segment as unknown as FlagEvent['data']['segment'];
  if (d.segmentId !== undefined) data.segmentId = d.segmentId;
  if (d.meta) data.meta = toRecordMeta(d.meta as unknown as StoredMeta);
  return { revision: event.revision, type: event.type as FlagEventType, time: event.time, data };
}

/** An unconditional merge patch re-reads and retries when another write got in first. */
const MAX_OPTIMISTIC_ATTEMPTS = 32;
/** The bulk answer of an environment that has no flags. */
const NO_FLAGS = '{"flags":[]}';
const jitteredPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));

function encodeCursor(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/.test(name)) throw new HttpProblem(400, 'INVALID_CURSOR', 'The cursor is not valid');
  return name;
}

/** The OFREP error body fields, sent inside problem+json so OFREP providers and Trellis clients both read it. */
export function ofrepProblem(status: number, key: string | undefined, errorCode: string, detail: string): HttpProblem {
  return new HttpProblem(status, errorCode, detail, {
    extensions: { ...(key !== undefined ? { key } : {}), errorCode, errorDetails: detail },
  });
}

/** flags-svc's logic, between the HTTP routes and the Redis store. */
export class FlagsService {
  private readonly validateFlagInput = createValidator<FlagInput>('FlagInput');
  private readonly indexed = new Set<string>();
  private readonly ofrepJson = new OfrepJson();

  constructor(
    readonly store: FlagsStore,
    readonly changeLog: ChangeLog,
    readonly snapshots: FlagSnapshots,
    private readonly usage: UsageRecorder,
    private readonly options: FlagsServiceOptions,
  ) {}

  // ---- environments ----------------------------------------------------------------------

  /** The index is a superset (healed by listing); add before the write, and again once it made the environment. */
  private async ensureIndexed(env: string, created = false): Promise<void> {
    if (this.indexed.has(env) && !created) return;
    await this.store.indexEnvironment(env);
    this.indexed.add(env);
  }

  private async afterWrite(env: string, revision: number, environmentCreated: boolean): Promise<void> {
    if (environmentCreated) await this.ensureIndexed(env, true);
    await this.snapshots.waitForRevision(env, revision, this.options.readYourWritesMs);
  }

  async listEnvironments() {
    const names = await this.store.environmentNames();
    const infos = await Promise.all(names.map(async (name) => ({ name, info: await this.store.environmentInfo(name) })));
    const items = [];
    for (const { name, info } of infos) {
      if (!info.exists) {
        // Self-healing index: an environment whose metadata is gone leaves the list.
        await this.store.unindexEnvironment(name);
        this.indexed.delete(name);
        continue;
      }
      items.push({
        name,
        description: info.description,
        createdAt: new Date(info.createdAt).toISOString(),
        revision: info.revision,
        flags: info.flags,
        segments: info.segments,
      });
    }
    return { items };
  }

  async getEnvironment(env: string) {
    const info = await this.store.environmentInfo(env);
    if (!info.exists) throw notFound(`Environment ${JSON.stringify(env)}`);
    return {
      name: env,
      description: info.description,
      createdAt: new Date(info.createdAt).toISOString(),
      revision: info.revision,
      flags: info.flags,
      segments: info.segments,
    };
  }

  async putEnvironment(env: string, description: string | null | undefined) {
    await this.ensureIndexed(env);
    const created = await this.store.putEnvironment(env, description);
    if (created) await this.ensureIndexed(env, true);
    return { created, environment: await this.getEnvironment(env) };
  }

  async deleteEnvironment(env: string): Promise<void> {
    try {
      await this.store.deleteEnvironment(env);
    } catch (error) {
      throw problemFromScript(error, `Environment ${JSON.stringify(env)}`);
    }
    await this.store.unindexEnvironment(env);
    this.indexed.delete(env);
  }

  // ---- flags -----------------------------------------------------------------------------

  private record(env: string, json: string | Feature, meta: StoredMeta): FlagRecordBody {
    return { environment: env, flag: typeof json === 'string' ? (JSON.parse(json) as Feature) : json, meta: toRecordMeta(meta) };
  }

  async getFlag(env: string, name: string): Promise<FlagRecordBody> {
    const found = await this.store.getFlag(env, name);
    if (!found) throw notFound(`Flag ${JSON.stringify(name)} in environment ${JSON.stringify(env)}`);
    return this.record(env, found.json, found.meta);
  }

  async listFlags(env: string, cursor: string | undefined, limit: number, prefix: string | undefined) {
    const after = cursor ? decodeCursor(cursor) : '';
    const page = await this.store.listFlags(env, after, limit, prefix ?? '');
    const last = page.items.at(-1);
    return {
      environment: env,
      revision: page.revision,
      items: page.items.map((item) => this.record(env, item.json, item.meta)),
      nextCursor: page.more && last ? encodeCursor(last.name) : null,
    };
  }

  async putFlag(
    env: string,
    name: string,
    input: FlagInput,
    pre: Preconditions,
    actor: string,
  ): Promise<{ created: boolean; record: FlagRecordBody }> {
    if (input.name !== undefined && input.name !== name) {
      throw new HttpProblem(400, 'NAME_MISMATCH', `The body names flag ${JSON.stringify(input.name)} but the path ${JSON.stringify(name)}`);
    }
    const feature = canonicalFeature(input as unknown as Record<string, unknown>, name);
    validateSingleFeature(feature);
    const expected = expectedFrom(pre, this.options.requireIfMatch, true);
    return this.writeFlag(env, feature, expected, actor, pre);
  }

  private async writeFlag(env: string, feature: Feature, expected: string, actor: string, pre: Preconditions) {
    const what = `Flag ${JSON.stringify(feature.name)}`;
    await this.ensureIndexed(env);
    let result: Awaited<ReturnType<FlagsStore['putFlag']>>;
    try {
      result = await this.store.putFlag(env, feature.name, JSON.stringify(feature), featureReferences(feature), expected, actor);
    } catch (error) {
      throw problemFromScript(error, what, this.options.requireIfMatch, pre);
    }
    await this.afterWrite(env, result.revision, result.environmentCreated);
    return { created: result.outcome === 'created', record: this.record(env, feature, result.meta) };
  }

  /** JSON Merge Patch: read, merge, validate, write if nothing changed in between (else again). */
  async patchFlag(env: string, name: string, patch: Record<string, unknown>, pre: Preconditions, actor: string) {
    const pinned = pre.ifMatch !== undefined ? expectedFrom(pre, false, false) : undefined;
    if (pinned === undefined && this.options.requireIfMatch) expectedFrom({}, true, false);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.store.getFlag(env, name);
      if (!current) throw notFound(`Flag ${JSON.stringify(name)} in environment ${JSON.stringify(env)}`);
      const merged = applyMergePatch(JSON.parse(current.json), patch) as Record<string, unknown>;
      if (merged.name !== name) throw new HttpProblem(400, 'NAME_MISMATCH', 'A patch cannot rename a flag');
      const input = this.validateFlagInput(merged, 'body');
      const feature = canonicalFeature(input as unknown as Record<string, unknown>, name);
      validateSingleFeature(feature);
      try {
        return (await this.writeFlag(env, feature, pinned ?? String(current.meta.modRevision), actor, pre)).record;
      } catch (error) {
        const raced = error instanceof HttpProblem && error.status === 412 && pinned === undefined;
        if (!raced) throw error;
        if (attempt >= MAX_OPTIMISTIC_ATTEMPTS) {
          throw new HttpProblem(409, 'PATCH_CONTENDED', `Flag ${JSON.stringify(name)} kept changing; retry the patch`);
        }
        // Full jitter, so that patches racing for one flag stop colliding.
        await jitteredPause(attempt);
      }
    }
  }

  async deleteFlag(env: string, name: string, pre: Preconditions): Promise<void> {
    const expected = expectedFrom(pre, this.options.requireIfMatch, false);
    let revision: number;
    try {
      revision = await this.store.deleteFlag(env, name, expected === 'present' ? '' : expected);
    } catch (error) {
      throw problemFromScript(error, `Flag ${JSON.stringify(name)}`);
    }
    await this.snapshots.waitForRevision(env, revision, this.options.readYourWritesMs);
  }

  // ---- segments --------------------------------------------------------------------------

  private segmentRecord(env: string, json: string, meta: StoredMeta): SegmentRecordBody {
    return { environment: env, segment: JSON.parse(json) as CanonicalSegment, meta: toRecordMeta(meta) };
  }

  async listSegments(env: string) {
    const { revision, items } = await this.store.listSegments(env);
    const records = items.map((item) => this.segmentRecord(env, item.json, item.meta));
    records.sort((a, b) => a.segment.id - b.segment.id);
    return { environment: env, revision, items: records };
  }

  async getSegment(env: string, id: number): Promise<SegmentRecordBody> {
    const found = await this.store.getSegment(env, id);
    if (!found) throw notFound(`Segment ${id} in environment ${JSON.stringify(env)}`);
    return this.segmentRecord(env, found.json, found.meta);
  }

  async putSegment(
    env: string,
    id: number | undefined,
    input: SegmentInput,
    pre: Preconditions,
    actor: string,
  ): Promise<{ created: boolean; record: SegmentRecordBody }> {
    if (id !== undefined && input.id !== undefined && input.id !== id) {
      throw new HttpProblem(400, 'ID_MISMATCH', `The body names segment ${input.id} but the path ${id}`);
    }
    const targetId = id ?? input.id;
    const segment = canonicalSegment(input as unknown as Record<string, unknown>, targetId ?? 1);
    validateSingleSegment(segment);
    // POST without an id allocates one; POST with an id creates exactly that one.
    const expected = id === undefined ? 'absent' : expectedFrom(pre, this.options.requireIfMatch, true);
    await this.ensureIndexed(env);
    let result: Awaited<ReturnType<FlagsStore['putSegment']>>;
    try {
      result = await this.store.putSegment(
        env,
        targetId,
        { name: segment.name, description: segment.description, constraintsJson: JSON.stringify(segment.constraints) },
        expected,
        actor,
      );
    } catch (error) {
      if (id === undefined && error instanceof ScriptError && error.code === 'PRECONDITION_FAILED') {
        throw new HttpProblem(409, 'CONFLICT', `Segment ${targetId} already exists; PUT /v1/segments/${targetId} replaces it`);
      }
      if (error instanceof ScriptError && error.code === 'SEGMENT_IDS_EXHAUSTED') throw new HttpProblem(409, 'SEGMENT_IDS_EXHAUSTED', error.message);
      throw problemFromScript(error, `Segment ${targetId}`, this.options.requireIfMatch, pre);
    }
    await this.afterWrite(env, result.revision, result.environmentCreated);
    return { created: result.outcome === 'created', record: this.segmentRecord(env, result.json, result.meta) };
  }

  async deleteSegment(env: string, id: number, pre: Preconditions): Promise<void> {
    const expected = expectedFrom(pre, this.options.requireIfMatch, false);
    let revision: number;
    try {
      revision = await this.store.deleteSegment(env, id, expected === 'present' ? '' : expected);
    } catch (error) {
      throw problemFromScript(error, `Segment ${id}`);
    }
    await this.snapshots.waitForRevision(env, revision, this.options.readYourWritesMs);
  }

  // ---- import / export -------------------------------------------------------------------

  async exportDocument(env: string, project: string | undefined) {
    const data = await this.store.readEnvironment(env);
    let features = [...data.flags.values()].map((json) => JSON.parse(json) as Feature);
    if (project !== undefined) features = features.filter((f) => f.project === project);
    features.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const segments = [...data.segments.values()].map((json) => JSON.parse(json) as CanonicalSegment).sort((a, b) => a.id - b.id);
    const etag = `"${data.revision}${project === undefined ? '' : `-${Buffer.from(project).toString('base64url')}`}"`;
    return { version: 2, features, segments, meta: { environment: env, revision: data.revision, etag } };
  }

  async importDocument(
    env: string,
    doc: { features: Record<string, unknown>[]; segments?: Record<string, unknown>[] | undefined },
    options: { replace: boolean; lenient: boolean },
    actor: string,
  ) {
    // Structure first (whatever the mode), then the canonical form.
    validateFeaturesStructure(doc);
    const names = new Set<string>();
    const features = doc.features.map((raw, i) => {
      const name = assertFlagName(raw.name, `features[${i}].name`);
      if (names.has(name)) throw new HttpProblem(422, 'INVALID_FLAG', `features[${i}].name: duplicate flag ${JSON.stringify(name)}`);
      names.add(name);
      return canonicalFeature(raw, name);
    });
    const ids = new Set<number>();
    const segments = (doc.segments ?? []).map((raw, i) => {
      const id = raw.id;
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) {
        throw new HttpProblem(422, 'INVALID_SEGMENT', `segments[${i}].id must be an integer from 1 to 2147483647`);
      }
      if (ids.has(id)) throw new HttpProblem(422, 'INVALID_SEGMENT', `segments[${i}].id: duplicate segment ${id}`);
      ids.add(id);
      return canonicalSegment(raw, id);
    });
    const entities: ImportEntities = {
      segments: segments.map((s) => ({ id: s.id, json: JSON.stringify(s) })),
      flags: features.map((f) => ({ name: f.name, json: JSON.stringify(f), ...featureReferences(f) })),
    };

    for (let attempt = 1; ; attempt += 1) {
      // The result must be a valid environment as a whole: validate it against what is there now,
      // and write only if nothing changed since (the script compares the revision).
      const current = await this.store.readEnvironment(env);
      const merged = mergeDocuments(current, features, segments, options.replace);
      const warnings = validateFeatures(merged, { lenient: options.lenient });
      await this.ensureIndexed(env);
      try {
        const result = await this.store.importDocument(env, current.revision, options.replace, entities, actor);
        await this.afterWrite(env, result.revision, result.environmentCreated);
        return {
          environment: env,
          revision: result.revision,
          flags: result.flags,
          segments: result.segments,
          warnings: warnings.slice(0, 100).map((w) => ({ path: w.path, message: w.message })),
        };
      } catch (error) {
        if (!(error instanceof ScriptError && error.code === 'CONFLICT') || attempt >= MAX_OPTIMISTIC_ATTEMPTS) {
          if (error instanceof ScriptError && error.code === 'CONFLICT') {
            throw new HttpProblem(409, 'CONFLICT', 'The environment kept changing during the import; retry');
          }
          throw error;
        }
      }
    }
  }

  // ---- evaluation ------------------------------------------------------------------------

  /** Evaluates flags of one snapshot for one context, which is converted once, not once per flag. */
  private evaluator(snapshot: EnvironmentSnapshot, context: Record<string, unknown> | undefined): (name: string) => EvaluationResult {
    const ctx = toEngineContext(context, snapshot.environment);
    const options = typeof ctx.hostname === 'string' ? { hostname: ctx.hostname } : undefined;
    const usage = this.usage.flagCounts(snapshot.environment);
    return (name) => {
      const result = evaluate(snapshot.compiled, name, ctx, options);
      if (result.errorCode === undefined) {
        this.usage.count(usage, name, result.enabled, result.variant.enabled ? result.variant.name : undefined);
      }
      return result;
    };
  }

  private toEvaluation(name: string, result: EvaluationResult, environment: string): EvaluationBody {
    const resolution = toResolution(result);
    const body: EvaluationBody = {
      key: name,
      value: resolution.value,
      enabled: result.enabled,
      variantDetail: {
        name: result.variant.name,
        enabled: result.variant.enabled,
        featureEnabled: result.variant.featureEnabled,
        ...(result.variant.payload ? { payload: { ...result.variant.payload } } : {}),
      },
      reason: resolution.reason,
    };
    if (result.errorCode === undefined) body.variant = resolution.variant;
    if (resolution.errorCode) body.errorCode = resolution.errorCode;
    if (resolution.errorDetails) body.errorDetails = resolution.errorDetails;
    if (result.errorCode === undefined) body.metadata = { ...(result.flagMetadata ?? {}), environment };
    return body;
  }

  async evaluate(env: string, flag: string | undefined, context: Record<string, unknown> | undefined) {
    const problem = contextProblem(context);
    if (problem) throw new HttpProblem(400, 'INVALID_CONTEXT', problem);
    const snapshot = await this.snapshots.get(env);
    const revision = snapshot?.revision ?? 0;
    if (!snapshot) {
      const flags = flag ? [this.toEvaluation(flag, notFoundResult(flag), env)] : [];
      return { environment: env, revision, flags };
    }
    const names = flag ? [flag] : snapshot.sortedFlagNames;
    const evaluateFlag = this.evaluator(snapshot, context);
    return { environment: env, revision, flags: names.map((name) => this.toEvaluation(name, evaluateFlag(name), env)) };
  }

  /**
   * OFREP single evaluation, as JSON text: 200 with the value, 404 FLAG_NOT_FOUND, 400
   * INVALID_CONTEXT. With the environment's snapshot in memory (after its first use) the answer
   * is a plain value, not a promise: this is the flags hot path.
   */
  ofrepEvaluate(env: string, key: string, context: unknown): string | Promise<string> {
    const problem = contextProblem(context);
    if (problem) throw ofrepProblem(400, key, 'INVALID_CONTEXT', problem);
    return thenOrNow(this.snapshots.current(env), (snapshot) => {
      if (!snapshot?.compiled.has(key)) {
        throw ofrepProblem(404, key, 'FLAG_NOT_FOUND', `flag ${JSON.stringify(key)} not found in environment ${JSON.stringify(env)}`);
      }
      const result = this.evaluator(snapshot, context as Record<string, unknown> | undefined)(key);
      if (result.errorCode !== undefined) {
        throw ofrepProblem(result.errorCode === 'INVALID_CONTEXT' ? 400 : 500, key, result.errorCode, result.errorMessage ?? result.errorCode);
      }
      return this.ofrepJson.success(snapshot, key, result);
    });
  }

  /** OFREP bulk evaluation, as JSON text: every flag of the environment for one context. */
  ofrepBulk(env: string, context: unknown): string | Promise<string> {
    const problem = contextProblem(context);
    if (problem) throw ofrepProblem(400, undefined, 'INVALID_CONTEXT', problem);
    return thenOrNow(this.snapshots.current(env), (snapshot) =>
      snapshot ? this.ofrepJson.bulk(snapshot, this.evaluator(snapshot, context as Record<string, unknown> | undefined)) : NO_FLAGS,
    );
  }

  // ---- watch -----------------------------------------------------------------------------

  async waitForEvents(env: string, afterRevision: number, timeoutMs: number): Promise<Static<typeof FlagEventPage>> {
    const page = await this.changeLog.waitForEvents<RawFlagEvent>(this.store.scope(env), afterRevision, timeoutMs);
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toPublicEvent) };
  }

  // ---- usage -----------------------------------------------------------------------------

  async usageOf(env: string, flag: string, minutes: number) {
    await this.usage.flush();
    const to = minuteOf(Date.now());
    const from = to - (minutes - 1) * 60_000;
    const fields = await this.store.readUsage(env, flag, daysBetween(from, to));
    const buckets = new Map<number, { yes: number; no: number; variants: Record<string, number> }>();
    const totals = { yes: 0, no: 0, variants: {} as Record<string, number> };
    for (const [field, n] of fields) {
      const match = /^(\d+):(y|n|v:(.*))$/s.exec(field);
      if (!match) continue;
      const minute = Number(match[1]);
      if (minute < from || minute > to) continue;
      let bucket = buckets.get(minute);
      if (!bucket) {
        bucket = { yes: 0, no: 0, variants: {} };
        buckets.set(minute, bucket);
      }
      if (match[2] === 'y') {
        bucket.yes += n;
        totals.yes += n;
      } else if (match[2] === 'n') {
        bucket.no += n;
        totals.no += n;
      } else {
        const variant = match[3] as string;
        bucket.variants[variant] = (bucket.variants[variant] ?? 0) + n;
        totals.variants[variant] = (totals.variants[variant] ?? 0) + n;
      }
    }
    return {
      environment: env,
      flag,
      from: new Date(from).toISOString(),
      to: new Date(to + 59_999).toISOString(),
      totals,
      buckets: [...buckets.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([minute, b]) => ({ minute: new Date(minute).toISOString(), ...b })),
    };
  }

  /** Counts reported by an SDK that evaluates locally, added to the minute the bucket started in. */
  async reportUsage(env: string, report: UsageReport): Promise<void> {
    const start = Date.parse(report.bucket.start);
    if (!Number.isFinite(start)) throw new HttpProblem(400, 'INVALID_BUCKET', 'bucket.start is not a date');
    const minute = minuteOf(start);
    await Promise.all(
      Object.entries(report.bucket.toggles).map(([flag, counts]) =>
        this.store.addUsage(
          env,
          flag,
          new Date(minute).toISOString().slice(0, 10),
          usageFields(minute, { yes: counts.yes, no: counts.no, variants: new Map(Object.entries(counts.variants ?? {})) }),
        ),
      ),
    );
  }
}

function notFoundResult(name: string): EvaluationResult {
  return {
    enabled: false,
    variant: { name: 'disabled', enabled: false, featureEnabled: false },
    reason: 'ERROR',
    errorCode: 'FLAG_NOT_FOUND',
    errorMessage: `flag ${JSON.stringify(name)} not found`,
  };
}

/** Rejects fatal structure problems of an imported document; rule errors are judged on the merged result. */
function validateFeaturesStructure(doc: { features: unknown[]; segments?: unknown[] | undefined }): void {
  validateFeatures(doc as FlagsDocument, { lenient: true });
}

function mergeDocuments(
  current: { flags: Map<string, string>; segments: Map<string, string> },
  features: Feature[],
  segments: CanonicalSegment[],
  replace: boolean,
): FlagsDocument {
  const flagMap = new Map<string, Flag>();
  const segmentMap = new Map<number, Segment>();
  if (!replace) {
    for (const [name, json] of current.flags) flagMap.set(name, JSON.parse(json) as Flag);
    for (const [id, json] of current.segments) segmentMap.set(Number(id), JSON.parse(json) as Segment);
  }
  for (const f of features) flagMap.set(f.name, f as unknown as Flag);
  for (const s of segments) segmentMap.set(s.id, s as unknown as Segment);
  return { features: [...flagMap.values()], segments: [...segmentMap.values()] };
}
