import { Nullable, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

// Same shapes registry-svc accepts, so every registered instance can be addressed here.
export const ServiceName = Type.String({
  pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
  minLength: 1,
  maxLength: 63,
  description: 'Registry service name: lower-case letters, digits and dashes, 1..63',
});
export const InstanceId = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$',
  minLength: 1,
  maxLength: 128,
  description: 'Registry instance id, unique within its service',
});

/** Bytes of check output kept per instance (Consul keeps 4 KiB too). */
export const MAX_OUTPUT_BYTES = 4_096;

export const HealthStatus = StringEnum(['passing', 'warning', 'critical', 'maintenance'], {
  description: 'passing takes traffic; warning still serves but is degraded; critical and maintenance take none',
});
export type HealthStatus = Static<typeof HealthStatus>;

const checkStatus = (description?: string) =>
  StringEnum(['passing', 'warning', 'critical'], description ? { description } : {});
export const CheckStatus = checkStatus();
export type CheckStatus = Static<typeof CheckStatus>;

export const CheckType = StringEnum(['http', 'tcp', 'ttl'], {
  description:
    'http: GET the instance healthPath (2xx passing, 429 warning, anything else critical); tcp: connect to host:port; ttl: the instance pushes its status and must do so at least every intervalMs',
});
export type CheckType = Static<typeof CheckType>;

const settingsFields = {
  type: CheckType,
  intervalMs: Type.Integer({ minimum: 100, maximum: 3_600_000, description: 'How often each instance is checked; for ttl checks, the TTL' }),
  timeoutMs: Type.Integer({ minimum: 50, maximum: 300_000, description: 'Per-check deadline; must be below intervalMs' }),
  successBeforePassing: Type.Integer({ minimum: 1, maximum: 100, description: 'Consecutive good checks before the status turns passing (or warning)' }),
  failuresBeforeWarning: Type.Integer({ minimum: 1, maximum: 100, description: 'Consecutive failed checks before a passing instance turns warning' }),
  failuresBeforeCritical: Type.Integer({ minimum: 1, maximum: 100, description: 'Consecutive failed checks before the status turns critical' }),
  deregisterCriticalAfterMs: Nullable(Type.Integer({ minimum: 1_000, maximum: 30 * 86_400_000 }), {
    description: 'Deregister the instance from registry-svc after it has been critical this long; null never does',
  }),
  flapThreshold: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: 'Status transitions within the last flapWindowChecks results that mark an instance flapping; 0 disables flap detection',
  }),
  flapWindowChecks: Type.Integer({ minimum: 2, maximum: 100, description: 'How many recent check results flap detection looks at' }),
};

export const CheckSettingsInput = Type.Object(
  {
    type: Type.Optional(settingsFields.type),
    intervalMs: Type.Optional(settingsFields.intervalMs),
    timeoutMs: Type.Optional(settingsFields.timeoutMs),
    successBeforePassing: Type.Optional(settingsFields.successBeforePassing),
    failuresBeforeWarning: Type.Optional(settingsFields.failuresBeforeWarning),
    failuresBeforeCritical: Type.Optional(settingsFields.failuresBeforeCritical),
    deregisterCriticalAfterMs: Type.Optional(settingsFields.deregisterCriticalAfterMs),
    flapThreshold: Type.Optional(settingsFields.flapThreshold),
    flapWindowChecks: Type.Optional(settingsFields.flapWindowChecks),
  },
  {
    $id: 'CheckSettingsInput',
    additionalProperties: false,
    description: 'Replaces the settings; a field left out takes the deployment default (GET a service without settings to see them)',
  },
);
export type CheckSettingsInput = Static<typeof CheckSettingsInput>;

export const CheckSettings = Type.Object(
  {
    service: Type.String(),
    ...settingsFields,
    version: Type.Integer({ minimum: 0, description: 'Increases on every change; 0 means the deployment defaults apply. Also the ETag' }),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'CheckSettings', additionalProperties: false },
);
export type CheckSettings = Static<typeof CheckSettings>;

export const InstanceHealth = Type.Object(
  {
    service: Type.String(),
    instanceId: Type.String(),
    epoch: Type.Integer({ description: 'Registry epoch of the registration this health belongs to' }),
    status: HealthStatus,
    checkStatus: checkStatus(
      'What the checks alone say (after the success/failure thresholds), before maintenance and flap damping',
    ),
    checkType: CheckType,
    output: Type.String({ maxLength: MAX_OUTPUT_BYTES, description: 'Last check output, at most 4 KiB' }),
    lastCheckAt: Nullable(Type.String({ format: 'date-time' }), { description: 'null until the first check' }),
    lastCheckedBy: Nullable(Type.String(), { description: 'health-svc replica that ran the last check; "ttl" for a pushed update' }),
    streak: Type.Object(
      {
        successes: Type.Integer({ minimum: 0, description: 'Consecutive passing or warning results' }),
        failures: Type.Integer({ minimum: 0, description: 'Consecutive critical results' }),
      },
      { additionalProperties: false },
    ),
    statusSince: Type.String({ format: 'date-time', description: 'When `status` last changed' }),
    criticalSince: Nullable(Type.String({ format: 'date-time' })),
    flapping: Type.Boolean({ description: 'Too many transitions lately: status is held at the worst seen until it settles' }),
    recentTransitions: Type.Integer({ minimum: 0, description: 'Transitions within the flap window' }),
    maintenance: Type.Union(
      [
        Type.Object(
          { reason: Type.String(), since: Type.String({ format: 'date-time' }) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: 'Set while the instance is in maintenance: status is then `maintenance`, whatever the checks say' },
    ),
    lastTtlUpdateAt: Nullable(Type.String({ format: 'date-time' }), { description: 'ttl checks: last push' }),
  },
  { $id: 'InstanceHealth', additionalProperties: false },
);
export type InstanceHealth = Static<typeof InstanceHealth>;

export const ServiceHealth = Type.Object(
  {
    service: Type.String(),
    status: HealthStatus,
    revision: Type.Integer({ description: "The service's health revision this list reflects: watch (or long-poll) from here" }),
    counts: Type.Object(
      { passing: Type.Integer(), warning: Type.Integer(), critical: Type.Integer(), maintenance: Type.Integer() },
      { additionalProperties: false, description: 'Every tracked instance by status, before any filter' },
    ),
    instances: Type.Array(Type.Unsafe<InstanceHealth>({ $ref: 'InstanceHealth#' })),
  },
  {
    $id: 'ServiceHealth',
    additionalProperties: false,
    description: '`status` is the worst status among `instances` (passing < warning < maintenance < critical); critical when there are none',
  },
);
export type ServiceHealth = Static<typeof ServiceHealth>;

export const HealthEventType = StringEnum(['status', 'removed', 'check'], {
  description:
    'status: an instance appeared or its status, flapping or maintenance changed (data.health is its new health); removed: it left the registry; check: the service check settings changed (data.check)',
});
export type HealthEventType = Static<typeof HealthEventType>;

export const HealthEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: HealthEventType,
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object(
      {
        service: Type.String(),
        instanceId: Nullable(Type.String()),
        previousStatus: Nullable(HealthStatus),
        health: Type.Union([Type.Unsafe<InstanceHealth>({ $ref: 'InstanceHealth#' }), Type.Null()]),
        check: Type.Union([Type.Unsafe<CheckSettings>({ $ref: 'CheckSettings#' }), Type.Null()]),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'HealthEvent', additionalProperties: false },
);
export type HealthEvent = Static<typeof HealthEvent>;

export const HealthEventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-list, then watch from revision' }),
    events: Type.Array(Type.Unsafe<HealthEvent>({ $ref: 'HealthEvent#' })),
  },
  { $id: 'HealthEventPage', additionalProperties: false },
);
export type HealthEventPage = Static<typeof HealthEventPage>;

export const TtlUpdate = Type.Object(
  {
    status: StringEnum(['pass', 'warn', 'fail'], {
      description: 'application/health+json vocabulary: pass -> passing, warn -> warning, fail -> critical',
    }),
    output: Type.Optional(Type.String({ maxLength: MAX_OUTPUT_BYTES })),
  },
  { $id: 'TtlUpdate', additionalProperties: false },
);
export type TtlUpdate = Static<typeof TtlUpdate>;

export const MaintenanceRequest = Type.Object(
  {
    enabled: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 512, description: 'Why; shown in `maintenance.reason`' })),
  },
  { $id: 'MaintenanceRequest', additionalProperties: false },
);
export type MaintenanceRequest = Static<typeof MaintenanceRequest>;

export const ALL_SCHEMAS = [
  CheckSettingsInput,
  CheckSettings,
  InstanceHealth,
  ServiceHealth,
  HealthEvent,
  HealthEventPage,
  TtlUpdate,
  MaintenanceRequest,
];
