import { type ChangeLog, ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import type { DefaultCheckSettings } from './config.js';
import { type RawHealthEvent, statusCode, toCheckSettings, toInstanceHealth, toPublicEvent, worstStatus } from './health-model.js';
import type { HealthStore } from './health-store.js';
import type {
  CheckSettings,
  CheckSettingsInput,
  CheckStatus,
  HealthEventPage,
  HealthStatus,
  InstanceHealth,
  ServiceHealth,
  TtlUpdate,
} from './schemas.js';
import { MAX_OUTPUT_BYTES } from './schemas.js';

const TTL_STATUS: Record<TtlUpdate['status'], CheckStatus> = { pass: 'passing', warn: 'warning', fail: 'critical' };

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes = MAX_OUTPUT_BYTES): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const cut = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
  // A split character decodes as U+FFFD at the end: drop it.
  return cut.replace(/\uFFFD$/, '');
}

export const settingsETag = (settings: CheckSettings) => `"${settings.version}"`;

function parseIfMatch(header: string | undefined): number | undefined {
  // Settings always exist (the defaults at least), so `*` matches whatever is there.
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*"(\d{1,15})"\s*$/.exec(header);
  if (!match) throw new HttpProblem(400, 'INVALID_IF_MATCH', 'If-Match must be one ETag, as returned by GET .../check');
  return Number(match[1]);
}

function mapScriptError(error: unknown, service: string, instanceId?: string): never {
  if (error instanceof ScriptError) {
    if (error.code === 'NOT_FOUND') throw notFound(`Health of ${service}/${instanceId ?? ''}`);
    if (error.code === 'CHECK_TYPE') throw new HttpProblem(409, 'CHECK_TYPE_MISMATCH', error.message);
  }
  throw error;
}

/** The health API's logic, between the HTTP routes and the Redis store. */
export class HealthService {
  constructor(
    readonly store: HealthStore,
    readonly changeLog: ChangeLog,
    private readonly defaults: DefaultCheckSettings,
  ) {}

  /**
   * Every tracked instance of a service, or only the passing ones. With `afterRevision`, waits
   * (up to `timeoutMs`) until the service's health moved past it: a Consul-style blocking query.
   */
  async serviceHealth(
    service: string,
    options: { passing?: boolean | undefined; afterRevision?: number | undefined; timeoutMs?: number },
  ): Promise<{ code: 200 | 429 | 503; body: ServiceHealth }> {
    if (options.afterRevision !== undefined) {
      const scope = this.store.scope(service);
      if ((await this.changeLog.currentRevision(scope)) <= options.afterRevision) {
        await this.changeLog.waitForEvents(scope, options.afterRevision, options.timeoutMs ?? 30_000);
      }
    }
    const { revision, records } = await this.store.read(service);
    const counts = { passing: 0, warning: 0, critical: 0, maintenance: 0 };
    let instances: InstanceHealth[] = [];
    for (const [instanceId, record] of records) {
      const health = toInstanceHealth(service, instanceId, record);
      counts[health.status] += 1;
      instances.push(health);
    }
    if (options.passing) instances = instances.filter((instance) => instance.status === 'passing');
    instances.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    const status: HealthStatus = worstStatus(instances.map((instance) => instance.status));
    return { code: statusCode(status), body: { service, status, revision, counts, instances } };
  }

  async instanceHealth(service: string, instanceId: string): Promise<InstanceHealth> {
    const record = (await this.store.read(service, instanceId)).records.get(instanceId);
    if (!record) throw notFound(`Health of ${service}/${instanceId}`);
    return toInstanceHealth(service, instanceId, record);
  }

  async setMaintenance(service: string, instanceId: string, enabled: boolean, reason: string): Promise<InstanceHealth> {
    try {
      return toInstanceHealth(service, instanceId, await this.store.setMaintenance(service, instanceId, enabled, reason));
    } catch (error) {
      mapScriptError(error, service, instanceId);
    }
  }

  async pushTtl(service: string, instanceId: string, update: TtlUpdate): Promise<InstanceHealth> {
    try {
      const { record } = await this.store.record(service, instanceId, {
        epoch: 0,
        mode: 'push',
        result: TTL_STATUS[update.status],
        output: truncateUtf8(update.output ?? `TTL update: ${update.status}`),
        checker: 'ttl',
        slotStart: 0,
      });
      return toInstanceHealth(service, instanceId, record!);
    } catch (error) {
      mapScriptError(error, service, instanceId);
    }
  }

  async getSettings(service: string): Promise<CheckSettings> {
    return toCheckSettings(service, await this.store.getSettings(service));
  }

  async putSettings(service: string, input: CheckSettingsInput, ifMatch: string | undefined): Promise<CheckSettings> {
    const settings: DefaultCheckSettings = { ...this.defaults, ...input };
    const problems: string[] = [];
    if (settings.timeoutMs >= settings.intervalMs) problems.push('timeoutMs must be below intervalMs');
    if (settings.failuresBeforeWarning > settings.failuresBeforeCritical) {
      problems.push('failuresBeforeWarning must not exceed failuresBeforeCritical');
    }
    if (settings.flapThreshold > settings.flapWindowChecks) problems.push('flapThreshold must not exceed flapWindowChecks');
    if (problems.length) {
      throw new HttpProblem(400, 'INVALID_CHECK_SETTINGS', problems.join('; '), {
        extensions: { errors: problems.map((message) => ({ path: 'body', message })) },
      });
    }
    try {
      return toCheckSettings(service, await this.store.putSettings(service, settings, parseIfMatch(ifMatch)));
    } catch (error) {
      if (error instanceof ScriptError && error.code === 'PRECONDITION_FAILED') {
        throw new HttpProblem(412, 'PRECONDITION_FAILED', 'The check settings changed since that ETag was read', {
          extensions: { currentETag: `"${error.message.trim()}"` },
        });
      }
      throw error;
    }
  }

  async waitForEvents(service: string, afterRevision: number, timeoutMs: number): Promise<HealthEventPage> {
    const page = await this.changeLog.waitForEvents<RawHealthEvent>(this.store.scope(service), afterRevision, timeoutMs);
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toPublicEvent) };
  }
}
