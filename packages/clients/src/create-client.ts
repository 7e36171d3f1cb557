import createClient, { type Client, type ClientOptions as FetchClientOptions } from 'openapi-fetch';

export interface TrellisClientOptions {
  baseUrl: string;
  /** Bearer API key, when the deployment sets TRELLIS_API_KEYS. */
  apiKey?: string | undefined;
  headers?: Record<string, string>;
  fetch?: FetchClientOptions['fetch'];
}

// Each service's `paths` type is a plain object type; openapi-fetch's constraint is `{}`.
export function createTrellisClient<Paths extends {}>(options: TrellisClientOptions): Client<Paths> {
  return createClient<Paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    headers: {
      ...(options.headers ?? {}),
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
