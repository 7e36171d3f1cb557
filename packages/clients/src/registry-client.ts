import type { Client } from 'openapi-fetch';
import { createTrellisClient, type TrellisClientOptions } from './create-client.js';
import type { components, paths } from './generated/registry-svc.js';

export type RegistryClient = Client<paths>;
export type RegistryInstance = components['schemas']['Instance'];
export type RegistryEvent = components['schemas']['RegistryEvent'];
export type Registration = components['schemas']['Registration'];

export function createRegistryClient(options: TrellisClientOptions): RegistryClient {
  return createTrellisClient<paths>(options);
}
