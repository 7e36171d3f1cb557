import { Type } from 'typebox';
import { InstanceId, ServiceName } from '../schemas.js';

export const ServiceParams = Type.Object({ service: ServiceName }, { additionalProperties: false });
export const InstanceParams = Type.Object({ service: ServiceName, instanceId: InstanceId }, { additionalProperties: false });
