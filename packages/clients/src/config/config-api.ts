import type { Client } from 'openapi-fetch';
import { createTrellisClient, type TrellisClientOptions } from '../create-client.js';
import type { components, paths } from '../generated/config-svc.js';

export type ConfigApiClient = Client<paths>;
export type ConfigEntry = components['schemas']['ConfigEntry'];
export type ConfigEvent = components['schemas']['ConfigEvent'];
export type ConfigEventPage = components['schemas']['ConfigEventPage'];
export type NamespaceSnapshot = components['schemas']['NamespaceSnapshot'];
export type ConfigHistoryPage = components['schemas']['HistoryPage'];
export type ValueSchema = components['schemas']['ValueSchema'];

/** The typed config-svc client, generated from its OpenAPI document (namespaces are encoded for you). */
export function createConfigApiClient(options: TrellisClientOptions): ConfigApiClient {
  return createTrellisClient<paths>(options);
}

/** A config-svc answer other than success: the RFC 9457 problem it sent. */
export class ConfigApiError extends Error {
  override readonly name = 'ConfigApiError';
  constructor(
    readonly status: number,
    readonly problem: { code?: string; detail?: string; currentETag?: string; [extension: string]: unknown } | undefined,
  ) {
    super(`config-svc answered ${status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`);
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}
