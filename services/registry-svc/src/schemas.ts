import { MapOf, StringEnum } from '@trellis/service-kit';
import { type Static, Type } from 'typebox';

export const SERVICE_NAME_PATTERN = '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$';
export const INSTANCE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$';

export const ServiceName = Type.String({
  pattern: SERVICE_NAME_PATTERN,
  minLength: 1,
  maxLength: 63,
  description: 'DNS-label-like: lower-case letters, digits and dashes, 1..63',
});
export const InstanceId = Type.String({
  pattern: INSTANCE_ID_PATTERN,
  minLength: 1,
  maxLength: 128,
  description: 'Unique within the service: letters, digits and . _ : @ -, 1..128',
});
export const InstanceStatus = StringEnum(['UP', 'DRAINING', 'OUT_OF_SERVICE'], {
  description: 'UP serves traffic; DRAINING finishes in-flight work and takes no new; OUT_OF_SERVICE is parked',
});
export type InstanceStatus = Static<typeof InstanceStatus>;

const Tag = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:/=-]+$' });

export const Registration = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:_\\[\\]-]+$', description: 'Hostname or IP address' }),
    port: Type.Integer({ minimum: 1, maximum: 65_535 }),
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 64, default: '0.0.0' })),
    zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', default: 'default' })),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 32, uniqueItems: true, default: [] })),
    metadata: Type.Optional(MapOf(Type.String({ minLength: 1, maxLength: 128 }), Type.String({ maxLength: 512 }), {
      maxProperties: 64,
      default: {},
      description: 'At most 64 string keys, values up to 512 bytes',
    })),
    weight: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000, default: 100 })),
    healthPath: Type.Optional(Type.String({ minLength: 1, maxLength: 256, pattern: '^/', default: '/health' })),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 300, default: 30, description: 'Lease length; heartbeat every ttl/3' })),
  },
  {
    $id: 'Registration',
    additionalProperties: false,
    description: 'Omitted fields take their defaults, which validation fills in before the service sees the body',
  },
);
/** A registration after validation: every default has been filled in. */
export type Registration = Required<Static<typeof Registration>>;

export const Instance = Type.Object(
  {
    service: Type.String(),
    instanceId: Type.String(),
    host: Type.String(),
    port: Type.Integer(),
    version: Type.String(),
    zone: Type.String(),
    tags: Type.Array(Type.String()),
    metadata: Type.Record(Type.String(), Type.String()),
    weight: Type.Integer(),
    healthPath: Type.String(),
    ttlSeconds: Type.Integer(),
    status: InstanceStatus,
    epoch: Type.Integer({ description: 'Increases every time this instance id registers afresh' }),
    registeredAt: Type.String({ format: 'date-time' }),
    lastHeartbeatAt: Type.String({ format: 'date-time' }),
    leaseExpiresAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Instance', additionalProperties: false },
);
export type Instance = Static<typeof Instance>;

export const InstanceList = Type.Object(
  {
    service: Type.String(),
    revision: Type.Integer({ description: 'Registry revision this list reflects: watch from here' }),
    instances: Type.Array(Type.Unsafe<Instance>({ $ref: 'Instance#' })),
  },
  { $id: 'InstanceList', additionalProperties: false },
);

export const ServiceSummaryList = Type.Object(
  {
    revision: Type.Integer(),
    services: Type.Array(Type.Object({ name: Type.String(), instances: Type.Integer() }, { additionalProperties: false })),
  },
  { $id: 'ServiceSummaryList', additionalProperties: false },
);

export const RegistryEventType = StringEnum(['registered', 'updated', 'status', 'deregistered', 'expired']);
export type RegistryEventType = Static<typeof RegistryEventType>;

export const RegistryEvent = Type.Object(
  {
    revision: Type.Integer(),
    type: RegistryEventType,
    time: Type.Integer({ description: 'Server time of the change, ms since epoch' }),
    data: Type.Object({
      service: Type.String(),
      instanceId: Type.String(),
      instance: Type.Union([Type.Unsafe<Instance>({ $ref: 'Instance#' }), Type.Null()]),
    }),
  },
  { $id: 'RegistryEvent', additionalProperties: false },
);
export type RegistryEvent = Static<typeof RegistryEvent>;

export const EventPage = Type.Object(
  {
    revision: Type.Integer({ description: 'Resume from here with afterRevision' }),
    compacted: Type.Boolean({ description: 'Events after afterRevision are gone: re-list, then watch from revision' }),
    events: Type.Array(Type.Unsafe<RegistryEvent>({ $ref: 'RegistryEvent#' })),
  },
  { $id: 'EventPage', additionalProperties: false },
);
export type EventPage = Static<typeof EventPage>;

export const ALL_SCHEMAS = [Registration, Instance, InstanceList, ServiceSummaryList, RegistryEvent, EventPage];
